/** Bench data shared by the scale benches. */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../src/db/client.js';

/** 11 channels and 200 creators (ids returned in a stable order), written directly. */
export async function seedBenchAuthors(db: Database['db']): Promise<string[]> {
  await db.execute(
    sql`INSERT INTO byline.channels (slug, name, position) SELECT 'c' || g, '频道' || g, g FROM generate_series(1, 11) g`,
  );
  await db.execute(
    sql`INSERT INTO byline.users (email, display_name, role) SELECT 'u' || g || '@bench.invalid', '作者' || g, 'creator' FROM generate_series(1, 200) g`,
  );
  await db.execute(
    sql`INSERT INTO byline.creator_profiles (user_id, handle, display_name) SELECT id, 'h' || substr(id::text, 1, 8), display_name FROM byline.users`,
  );
  return rowsOf<{ id: string }>(
    await db.execute(sql`SELECT id FROM byline.creator_profiles ORDER BY id`),
  ).map((r) => r.id);
}

/** A fresh PostgreSQL database next to `url`'s, by name; `drop` removes it. */
export async function createPgDatabase(
  url: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
