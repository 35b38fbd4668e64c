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
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { Zip, ZipDeflate } from 'fflate';
import { rowsOf, type Queryable } from '../db/client.js';
import type { MediaStore } from '../media/index.js';

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
export const ROWS_PER_BATCH = 500;

export interface TableInfo {
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
