/**
 * Applies the SQL migrations in src/db/migrations (written by drizzle-kit,
 * applied only here). All pending migrations run in one transaction under an
 * advisory lock, so two servers starting at once on PostgreSQL cannot both
 * migrate, and a failure leaves the database as it was. Running twice is a
 * no-op. Only the `byline` schema is created or changed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from './client.js';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
/** Arbitrary constant key for pg_advisory_xact_lock: "byline" in ASCII. */
const MIGRATION_LOCK_KEY = 0x62796c696e65;

interface Journal {
  entries: { idx: number; tag: string; breakpoints: boolean }[];
}

export interface Migration {
  readonly tag: string;
  readonly hash: string;
  readonly statements: readonly string[];
}

export function loadMigrations(): Migration[] {
  const journal = JSON.parse(
    readFileSync(new URL('meta/_journal.json', MIGRATIONS_DIR), 'utf8'),
  ) as Journal;
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => {
      const text = readFileSync(new URL(`${e.tag}.sql`, MIGRATIONS_DIR), 'utf8');
      return {
        tag: e.tag,
        hash: createHash('sha256').update(text).digest('hex'),
        statements: text
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      };
    });
}

export interface MigrateResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

export async function migrate(db: Db, migrations = loadMigrations()): Promise<MigrateResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`CREATE SCHEMA IF NOT EXISTS byline`);
    await tx.execute(sql`CREATE TABLE IF NOT EXISTS byline.schema_migrations (
      tag text PRIMARY KEY,
      hash text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = rowsOf<{ tag: string; hash: string }>(
      await tx.execute(sql`SELECT tag, hash FROM byline.schema_migrations`),
    );
    const done = new Map(rows.map((r) => [r.tag, r.hash]));
    const applied: string[] = [];
    for (const m of migrations) {
      const previous = done.get(m.tag);
      if (previous !== undefined) {
        // CASE: a migration was edited after it ran somewhere — migrations are immutable.
        if (previous !== m.hash) {
          throw new Error(`migration ${m.tag} was changed after it was applied (hash mismatch)`);
        }
        continue;
      }
      for (const statement of m.statements) await tx.execute(sql.raw(statement));
      await tx.execute(
        sql`INSERT INTO byline.schema_migrations (tag, hash) VALUES (${m.tag}, ${m.hash})`,
      );
      applied.push(m.tag);
    }
    return { applied, alreadyApplied: migrations.length - applied.length };
  });
}
