/**
 * Import bench (issue 21): `byline import --format wordpress` of generated
 * WordPress exports (bench/wxr-generate.ts) of 10,000 and 100,000 posts, as
 * a user runs it (a child process of the CLI, --no-download), on PostgreSQL
 * and at 10,000 on PGlite. Reports articles/s for the whole command and per
 * phase (read + write, fingerprint, search index) and the command's peak RSS.
 * BENCH_IMPORT_SCALES=10000,100000 chooses the scales.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPgDatabase } from './fixtures.js';
import { writeWxr } from './wxr-generate.js';

type Report = (name: string, value: string, raw: unknown) => void;

const CORPUS = new URL('../demo/articles.jsonl', import.meta.url).pathname;
const CHILD = new URL('./import-child.mjs', import.meta.url).pathname;

function runImport(file: string, env: Record<string, string>, reportFile: string) {
  return new Promise<{ seconds: number; maxRssMb: number }>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [CHILD, 'import', '--format', 'wordpress', file, '--no-download', '--report', reportFile],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let tail = '';
    child.stderr.on('data', (d: Buffer) => (tail = (tail + d.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('exit', (code) => {
      const kb = Number(/maxrss_kb=(\d+)/.exec(tail)?.[1] ?? 0);
      if ((code !== 0 && code !== 1) || !existsSync(reportFile))
        reject(new Error(`import exited ${code}: ${tail}`));
      else resolve({ seconds: (performance.now() - started) / 1000, maxRssMb: kb / 1024 });
    });
  });
}

export async function importBench(report: Report): Promise<void> {
  const scales = (process.env.BENCH_IMPORT_SCALES ?? '10000,100000').split(',').map(Number);
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const dir = mkdtempSync(path.join(tmpdir(), 'byline-import-bench-'));
  try {
    for (const posts of scales) {
      const file = path.join(dir, `wxr-${posts}.xml`);
      await writeWxr(file, posts, CORPUS);
      const mb = statSync(file).size / 1024 / 1024;
      const engines: ('postgres' | 'pglite')[] = [
        ...(url ? ['postgres' as const] : []),
        ...(posts <= 10_000 ? ['pglite' as const] : []),
      ];
      for (const engine of engines) {
        const created =
          engine === 'postgres'
            ? await createPgDatabase(url!, `byline_import_bench_${process.pid}`)
            : undefined;
        const env: Record<string, string> = created
          ? { DATABASE_URL: created.url }
          : { BYLINE_DATA_DIR: path.join(dir, `data-${posts}`) };
        const reportFile = path.join(dir, `report-${engine}-${posts}.json`);
        try {
          const run = await runImport(file, env, reportFile);
          const r = JSON.parse(readFileSync(reportFile, 'utf8')) as {
            counts: { articles: { imported: number }; comments: { imported: number } };
            timings: {
              readAndWriteSeconds: number;
              fingerprintSeconds: number;
              indexSeconds: number;
            };
          };
          const n = r.counts.articles.imported;
          const t = r.timings;
          const at = `${posts.toLocaleString('en')} posts, ${mb.toFixed(0)} MB WXR, ${engine}`;
          report(`import (${at}) articles/s, whole command`, (n / run.seconds).toFixed(0), {
            ...run,
            ...r.timings,
            articles: n,
            comments: r.counts.comments.imported,
            fileMb: mb,
          });
          report(
            `  ${engine} ${posts}: read+write / fingerprint / index articles/s`,
            `${(n / t.readAndWriteSeconds).toFixed(0)} / ${(n / t.fingerprintSeconds).toFixed(0)} / ${(n / t.indexSeconds).toFixed(0)}`,
            t,
          );
          report(`  ${engine} ${posts}: peak RSS MB`, run.maxRssMb.toFixed(0), run.maxRssMb);
        } finally {
          await created?.drop();
          rmSync(path.join(dir, `data-${posts}`), { recursive: true, force: true });
        }
      }
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
