/**
 * Byline's own export (docs/export-format.md): one zip holding
 * `manifest.json`, every durable table as `tables/<name>.jsonl` (one
 * `row_to_json` object per line, tables in foreign-key order) and the media
 * files under `media/`. What is left out is what only lives while the site
 * runs (sessions, tokens, rate limits, the outbox and event queue, view
 * de-duplication), and password hashes unless asked for.
 *
 * Importing it writes each row as it was (same ids, so the same URLs and
 * byte-identical bodies); rows already there are kept, so a re-run is safe.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import { sql } from 'drizzle-orm';
import { Unzip, UnzipInflate, Zip, ZipDeflate, type UnzipFile } from 'fflate';
import { rowsOf, type Queryable } from '../db/client.js';
import type { MediaStore } from '../media/index.js';
import { emptyReport, type SiteImportReport } from './model.js';

export const EXPORT_FORMAT = 'byline-export';
export const EXPORT_VERSION = 1;

/** Tables whose rows only matter while the site runs, or that hold secrets of a session. */
const RUNTIME_TABLES: readonly string[] = [
  'schema_migrations',
  'sessions',
  'account_tokens',
  'rate_limits',
  'mail_outbox',
  'events',
  'event_consumers',
  'job_runs',
  'view_marks',
  'view_visitors',
  'visitor_salts',
  'related_queue',
  'import_jobs',
];
/** Rows read per round trip while exporting, and written per statement while importing. */
const ROWS_PER_BATCH = 500;

interface TableInfo {
  readonly name: string;
  readonly columns: readonly string[];
  readonly deps: readonly string[];
}

/** The durable tables, each after the tables it references. */
export async function exportTables(db: Queryable): Promise<TableInfo[]> {
  const rows = rowsOf<{ name: string; columns: string[]; deps: string[] }>(
    await db.execute(sql`
      SELECT c.relname AS name,
        (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
          WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns,
        (SELECT coalesce(array_agg(DISTINCT r.relname::text), '{}') FROM pg_constraint k JOIN pg_class r ON r.oid = k.confrelid
          WHERE k.conrelid = c.oid AND k.contype = 'f' AND r.oid <> c.oid) AS deps
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'byline' AND c.relkind = 'r' ORDER BY c.relname`),
  );
  const byName = new Map(
    rows.filter((r) => !RUNTIME_TABLES.includes(r.name)).map((r) => [r.name, r]),
  );
  const out: TableInfo[] = [];
  const placed = new Set<string>();
  const place = (name: string) => {
    if (placed.has(name) || !byName.has(name)) return;
    placed.add(name);
    for (const d of byName.get(name)!.deps) place(d);
    out.push(byName.get(name)!);
  };
  for (const name of byName.keys()) place(name);
  return out;
}

export interface ExportOptions {
  readonly store: MediaStore;
  readonly withCredentials: boolean;
  readonly onTable?: (name: string, rows: number) => void;
}

/** Writes the whole site to `path` as a zip; returns rows per table. */
export async function exportSite(
  db: Queryable,
  path: string,
  options: ExportOptions,
): Promise<Record<string, number>> {
  const out = createWriteStream(path);
  const zip = new ZipWriter(out);
  const counts: Record<string, number> = {};
  const tables = await exportTables(db);
  const mediaKeys: string[] = [];
  // One snapshot for every table: the archive is the site at one moment.
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    for (const table of tables) {
      const file = zip.file(`tables/${table.name}.jsonl`);
      let n = 0;
      await tx.execute(
        sql.raw(
          `DECLARE byline_export NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS row FROM byline.${table.name} t`,
        ),
      );
      for (;;) {
        const page = rowsOf<{ row: string }>(
          await tx.execute(sql.raw(`FETCH ${ROWS_PER_BATCH} FROM byline_export`)),
        );
        let text = '';
        for (const { row } of page)
          text += `${exportLine(table.name, row, options.withCredentials, mediaKeys)}\n`;
        n += page.length;
        if (text) await file.push(Buffer.from(text));
        if (page.length < ROWS_PER_BATCH) break;
      }
      await tx.execute(sql`CLOSE byline_export`);
      await file.end();
      counts[table.name] = n;
      options.onTable?.(table.name, n);
    }
  });
  let media = 0;
  for (const key of mediaKeys) {
    const found = await options.store.get(key);
    if (!found) continue;
    const file = zip.file(`media/${key}`, false);
    for await (const chunk of found.body) await file.push(chunk as Buffer);
    await file.end();
    media++;
  }
  const manifest = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    scope: 'site',
    exported_at: new Date().toISOString(),
    with_credentials: options.withCredentials,
    tables: tables.map((t) => ({
      name: t.name,
      file: `tables/${t.name}.jsonl`,
      rows: counts[t.name],
    })),
    media_files: media,
  };
  const m = zip.file('manifest.json');
  await m.push(Buffer.from(JSON.stringify(manifest, null, 2)));
  await m.end();
  await zip.close();
  return counts;
}

/** One row as its line: users without their password hash unless asked; images name their files. */
function exportLine(
  table: string,
  row: string,
  withCredentials: boolean,
  mediaKeys: string[],
): string {
  if (table === 'users' && !withCredentials) {
    const user = JSON.parse(row) as Record<string, unknown>;
    user.password_hash = null;
    return JSON.stringify(user);
  }
  if (table === 'images') {
    const image = JSON.parse(row) as { storage_key: string; variants: number[] };
    for (const w of image.variants) mediaKeys.push(`${image.storage_key}/${w}.webp`);
  }
  return row;
}

/** fflate's streaming zip over a file stream, waiting for the stream to drain (memory stays flat). */
export class ZipWriter {
  readonly #zip: Zip;
  readonly #queue: Uint8Array[] = [];
  #done: Promise<void>;
  #finish!: () => void;

  constructor(private readonly out: NodeJS.WritableStream) {
    this.#done = new Promise((resolve) => (this.#finish = resolve));
    this.#zip = new Zip((err, chunk, final) => {
      if (err) throw err;
      this.#queue.push(chunk);
      if (final) this.#finish();
    });
  }

  file(name: string, compress = true) {
    const entry = new ZipDeflate(name, { level: compress ? 6 : 0 });
    this.#zip.add(entry);
    return {
      push: async (data: Uint8Array) => {
        entry.push(data, false);
        await this.#drain();
      },
      end: async () => {
        entry.push(new Uint8Array(0), true);
        await this.#drain();
      },
    };
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      if (!this.out.write(this.#queue.shift()!)) await once(this.out, 'drain');
    }
  }

  async close(): Promise<void> {
    this.#zip.end();
    await this.#done;
    await this.#drain();
    this.out.end();
    await once(this.out, 'finish');
  }
}

/**
 * Imports an export: each table's rows as they were, media files back into
 * the store. Reported per table under `articles` (articles), `authors`
 * (creator profiles), `comments` and `images`.
 */
export async function importArchive(
  db: Queryable,
  path: string,
  options: { store: MediaStore },
): Promise<SiteImportReport> {
  const report = emptyReport('byline');
  const tables = new Map((await exportTables(db)).map((t) => [t.name, t]));
  const queue: { name: string; data: Uint8Array; final: boolean }[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  let failure: unknown;
  const unzip = new Unzip((file: UnzipFile) => {
    file.ondata = (err, data, final) => {
      if (err) failure = err;
      queue.push({ name: file.name, data, final });
      wake?.();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const input = createReadStream(path);
  input.on('data', (chunk) => {
    unzip.push(chunk as Uint8Array);
    if (queue.length > 64) input.pause();
  });
  input.on('end', () => {
    unzip.push(new Uint8Array(0), true);
    ended = true;
    wake?.();
  });
  input.on('error', (err) => {
    failure = err;
    ended = true;
    wake?.();
  });
  let manifestSeen = false;
  let partial = '';
  // Chunks end anywhere, even inside a character: decoded as one stream per file.
  let decoder = new StringDecoder('utf8');
  let media: Buffer[] = [];
  for (;;) {
    if (failure) throw failure;
    const next = queue.shift();
    if (!next) {
      if (ended) break;
      input.resume();
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      continue;
    }
    if (next.name === 'manifest.json') {
      partial += decoder.write(Buffer.from(next.data));
      if (next.final) {
        partial += decoder.end();
        decoder = new StringDecoder('utf8');
        const manifest = JSON.parse(partial) as { format?: string; version?: number };
        partial = '';
        if (manifest.format !== EXPORT_FORMAT || (manifest.version ?? 0) > EXPORT_VERSION)
          throw new Error(
            `不是可导入的署名导出包（format ${String(manifest.format)}，version ${String(manifest.version)}）`,
          );
        manifestSeen = true;
      }
    } else if (next.name.startsWith('media/')) {
      media.push(Buffer.from(next.data));
      if (next.final) {
        await options.store.put(
          next.name.slice('media/'.length),
          Buffer.concat(media),
          'image/webp',
        );
        media = [];
      }
    } else if (next.name.startsWith('tables/')) {
      const name = next.name.slice('tables/'.length, -'.jsonl'.length);
      partial += decoder.write(Buffer.from(next.data));
      if (next.final) {
        partial += decoder.end();
        decoder = new StringDecoder('utf8');
      }
      const cut = next.final ? partial.length : partial.lastIndexOf('\n') + 1;
      const lines = partial
        .slice(0, cut)
        .split('\n')
        .filter((l) => l !== '');
      partial = partial.slice(cut);
      const table = tables.get(name);
      for (let i = 0; table && i < lines.length; i += ROWS_PER_BATCH)
        await insertRows(db, table, lines.slice(i, i + ROWS_PER_BATCH), report);
    }
  }
  if (!manifestSeen) throw new Error('导出包缺少 manifest.json');
  await resetSequences(db, [...tables.values()]);
  return report;
}

const COUNTED: Record<string, 'articles' | 'authors' | 'comments' | 'images'> = {
  articles: 'articles',
  creator_profiles: 'authors',
  comments: 'comments',
  images: 'images',
};

async function insertRows(
  db: Queryable,
  table: TableInfo,
  lines: string[],
  report: SiteImportReport,
): Promise<void> {
  const cols = table.columns.map((c) => `"${c}"`).join(', ');
  const onConflict =
    table.name === 'site_settings'
      ? `ON CONFLICT (key) DO UPDATE SET ${table.columns
          .filter((c) => c !== 'key')
          .map((c) => `"${c}" = excluded."${c}"`)
          .join(', ')}`
      : 'ON CONFLICT DO NOTHING';
  const json = `[${lines.join(',')}]`;
  const result = await db.execute(
    sql`${sql.raw(`INSERT INTO byline.${table.name} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM json_populate_recordset(NULL::byline.${table.name}, `)}${json}::json${sql.raw(`) ${onConflict}`)}`,
  );
  const kind = COUNTED[table.name];
  if (!kind) return;
  const written =
    (result as { rowCount?: number; affectedRows?: number }).rowCount ??
    (result as { affectedRows?: number }).affectedRows ??
    lines.length;
  report.counts[kind].imported += written;
  report.counts[kind].skipped += lines.length - written;
}

/** Identity and serial columns continue after the imported ids. */
async function resetSequences(db: Queryable, tables: readonly TableInfo[]): Promise<void> {
  for (const t of tables) {
    for (const c of t.columns) {
      const [seq] = rowsOf<{ seq: string | null }>(
        await db.execute(sql`SELECT pg_get_serial_sequence(${`byline.${t.name}`}, ${c}) AS seq`),
      );
      if (!seq?.seq) continue;
      await db.execute(
        sql.raw(
          `SELECT setval('${seq.seq}', greatest((SELECT max("${c}") FROM byline.${t.name}), 1), (SELECT max("${c}") IS NOT NULL FROM byline.${t.name}))`,
        ),
      );
    }
  }
}
