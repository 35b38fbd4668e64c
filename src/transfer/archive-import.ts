/**
 * Importing a Byline export (docs/export-format.md): the zip is read as a
 * stream, each table's rows written as they were (same ids), rows already
 * there kept; media files go back into the store; identity counters move
 * past the imported ids.
 */
import { StringDecoder } from 'node:string_decoder';
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../db/client.js';
import type { MediaStore } from '../media/index.js';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  exportTables,
  ROWS_PER_BATCH,
  type TableInfo,
} from './archive.js';
import { emptyReport, type SiteImportReport } from './model.js';
import { zipEntries, type ZipEntry } from './zip-reader.js';

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
  const entries: ZipEntry[] = [];
  for await (const entry of zipEntries(path)) entries.push(entry);
  // The manifest is written last; it is read first, before anything is written.
  const manifestEntry = entries.find((e) => e.name === 'manifest.json');
  if (!manifestEntry) throw new Error('导出包缺少 manifest.json');
  const manifest = JSON.parse(await text(manifestEntry)) as { format?: string; version?: number };
  if (manifest.format !== EXPORT_FORMAT || (manifest.version ?? 0) > EXPORT_VERSION)
    throw new Error(
      `不是可导入的署名导出包（format ${String(manifest.format)}，version ${String(manifest.version)}）`,
    );
  for (const entry of entries) {
    if (entry.name.startsWith('media/')) {
      const parts: Uint8Array[] = [];
      for await (const chunk of entry.chunks()) parts.push(chunk);
      await options.store.put(
        entry.name.slice('media/'.length),
        Buffer.concat(parts),
        'image/webp',
      );
      continue;
    }
    if (!entry.name.startsWith('tables/')) continue;
    const table = tables.get(entry.name.slice('tables/'.length, -'.jsonl'.length));
    if (!table) continue; // a table this version does not have
    // Chunks end anywhere, even inside a character: decoded as one stream per file.
    const decoder = new StringDecoder('utf8');
    let partial = '';
    const flush = async (final: boolean) => {
      const cut = final ? partial.length : partial.lastIndexOf('\n') + 1;
      const lines = partial
        .slice(0, cut)
        .split('\n')
        .filter((l) => l !== '');
      partial = partial.slice(cut);
      for (let i = 0; i < lines.length; i += ROWS_PER_BATCH)
        await insertRows(db, table, lines.slice(i, i + ROWS_PER_BATCH), report);
    };
    for await (const chunk of entry.chunks()) {
      partial += decoder.write(Buffer.from(chunk));
      if (partial.length > 1 << 20) await flush(false);
    }
    partial += decoder.end();
    await flush(true);
  }
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
  const insert = async (rows: string[]) => {
    const result = await db.execute(
      sql`${sql.raw(`INSERT INTO byline.${table.name} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM json_populate_recordset(NULL::byline.${table.name}, `)}${`[${rows.join(',')}]`}::json${sql.raw(`) ${onConflict}`)}`,
    );
    return (
      (result as { rowCount?: number }).rowCount ??
      (result as { affectedRows?: number }).affectedRows ??
      rows.length
    );
  };
  const kind = COUNTED[table.name];
  let written = 0;
  let failed = 0;
  try {
    written = await insert(lines);
  } catch {
    // CASE: a row that cannot go in (a site that is not empty: an e-mail taken by another
    // account, a row whose parent was kept out): row by row, so only those are lost, and named.
    for (const line of lines) {
      try {
        written += await insert([line]);
      } catch (err) {
        const cause =
          (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
        report.items.push({
          kind: kind ?? 'articles',
          position: `tables/${table.name}.jsonl 中的一行（${describeRow(line)}）`,
          outcome: 'failed',
          reason: `无法写入：${cause}`,
        });
        failed++;
      }
    }
  }
  if (!kind) return;
  report.counts[kind].imported += written;
  report.counts[kind].failed += failed;
  report.counts[kind].skipped += lines.length - written - failed;
}

/** A row named by its id (or key) for the report. */
function describeRow(line: string): string {
  try {
    const row = JSON.parse(line) as Record<string, unknown>;
    const id = row.id ?? row.key ?? row.article_id;
    return id === undefined ? line.slice(0, 80) : `id ${String(id)}`;
  } catch {
    return line.slice(0, 80);
  }
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

async function text(entry: ZipEntry): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of entry.chunks()) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}
