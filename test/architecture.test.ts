/**
 * The structure the house style promises, checked on every run:
 * - each domain reads and writes only the tables it declares in its own
 *   schema.ts — Drizzle imports and raw SQL alike; other domains' data is
 *   reached through their index.ts (a schema.ts may name another domain's
 *   tables for foreign keys);
 * - a domain's index.ts exports no table;
 * - no import cycles (madge), no source file over 400 lines, no module-level
 *   `let` in domain code (state lives in objects the composition root builds).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
/** Folders that own tables, or may: every folder but the edges and the lower layers. */
const EDGES = new Set(['web', 'api', 'cli', 'jobs']);
const LOWER = new Set(['db', 'shared', 'text', 'http']);
/** The longest a source file may grow before it is split by concept. */
const MAX_LINES = 400;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const sourceFiles = filesUnder(SRC).filter(
  (f) => /\.(ts|tsx|mjs|js)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes('/migrations/'),
);
const folderOf = (file: string) => path.relative(SRC, file).split(path.sep)[0]!;
const domains = readdirSync(SRC).filter(
  (d) => statSync(path.join(SRC, d)).isDirectory() && !EDGES.has(d) && !LOWER.has(d),
);

/** Table name → owning domain, from each domain's schema.ts. */
const owners = new Map<string, string>();
for (const domain of domains) {
  const file = path.join(SRC, domain, 'schema.ts');
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue;
  }
  for (const m of text.matchAll(/byline\.table\(\s*'([a-z_]+)'/g)) owners.set(m[1]!, domain);
}

/** Every table a file's SQL names, with how (qualified or bare). */
function tablesInSql(text: string): { table: string; bare: boolean }[] {
  const found: { table: string; bare: boolean }[] = [];
  for (const m of text.matchAll(/\bbyline\.([a-z_]+)\b/g))
    if (owners.has(m[1]!)) found.push({ table: m[1]!, bare: false });
  for (const m of text.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+([a-z_]+)\b/g))
    if (owners.has(m[1]!)) found.push({ table: m[1]!, bare: true });
  return found;
}

describe('architecture', () => {
  it('knows every table and its owner', () => {
    expect(owners.size).toBeGreaterThanOrEqual(30);
    expect(owners.get('articles')).toBe('articles');
    expect(owners.get('events')).toBe('events');
  });

  it('each domain touches only its own tables (Drizzle and raw SQL)', () => {
    const violations: string[] = [];
    for (const file of sourceFiles) {
      const folder = folderOf(file);
      const rel = path.relative(SRC, file);
      const text = readFileSync(file, 'utf8');
      const isSchema = path.basename(file) === 'schema.ts';
      for (const m of text.matchAll(/from '((?:\.\.?\/)+)([a-z-]+)\/schema\.js'/g)) {
        const target = m[1] === './' ? folder : m[2]!;
        if (target !== folder && !isSchema) violations.push(`${rel}: imports ${target}'s tables`);
      }
      if (isSchema) continue;
      for (const { table, bare } of tablesInSql(text)) {
        if (bare) violations.push(`${rel}: SQL names ${table} without the byline. schema`);
        else if (owners.get(table) !== folder)
          violations.push(`${rel}: SQL touches ${table} (owned by ${owners.get(table)})`);
      }
    }
    expect([...new Set(violations)].join('\n')).toBe('');
  });

  it('no domain exports a table from its index.ts', async () => {
    const leaks: string[] = [];
    for (const domain of domains) {
      const index = path.join(SRC, domain, 'index.ts');
      try {
        statSync(index);
      } catch {
        continue;
      }
      const mod = (await import(index)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod))
        if (is(value, PgTable)) leaks.push(`${domain}/index.ts exports the table ${name}`);
    }
    expect(leaks.join('\n')).toBe('');
  });

  it('has no import cycles', async () => {
    const result = await madge(SRC, {
      fileExtensions: ['ts', 'tsx'],
      tsConfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    });
    expect(result.circular()).toEqual([]);
  });

  it(`keeps every source file under ${MAX_LINES} lines`, () => {
    const long = sourceFiles
      .map((f) => ({
        file: path.relative(SRC, f),
        lines: readFileSync(f, 'utf8').split('\n').length,
      }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long.map((f) => `${f.file}: ${f.lines}`).join('\n')).toBe('');
  });

  it('has no module-level mutable state (bindings or collections)', () => {
    const found: string[] = [];
    for (const file of sourceFiles) {
      // CASE: the PGlite worker thread's entry module: its module scope is that thread's own.
      if (path.relative(SRC, file) === path.join('db', 'pglite-thread.mjs')) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const mutableBinding = /^(export )?(let|var) /.test(line);
        // A collection built at module level and not typed read-only can be written by anyone.
        const mutableCollection = /^(export )?const \w+ = new (Map|Set|WeakMap|WeakSet)\b/.test(
          line,
        );
        if (mutableBinding || mutableCollection)
          found.push(`${path.relative(SRC, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found.join('\n')).toBe('');
  });
});
