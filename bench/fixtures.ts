/** Bench data shared by the scale benches. */
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
