import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db.js';
import { openPglite, rowsOf } from './client.js';
import { loadMigrations, migrate } from './migrate.js';

const EXPECTED_TABLES = [
  'account_tokens',
  'article_daily',
  'article_fingerprints',
  'article_keywords',
  'article_likes',
  'article_revisions',
  'article_shares',
  'article_stats',
  'article_tags',
  'articles',
  'audit_log',
  'bookmarks',
  'channels',
  'comment_likes',
  'comment_reports',
  'comments',
  'creator_applications',
  'creator_handle_history',
  'creator_notices',
  'creator_profiles',
  'creator_stats',
  'dictionary_words',
  'event_consumers',
  'events',
  'fingerprint_keys',
  'follows',
  'hot_list',
  'hot_rank_history',
  'images',
  'import_jobs',
  'imported_items',
  'job_runs',
  'lexicon_terms',
  'mail_outbox',
  'moderation_items',
  'notification_digests',
  'notification_prefs',
  'notifications',
  'originality_matches',
  'rate_limits',
  'reading_history',
  'redirects',
  'related_articles',
  'related_computed',
  'related_queue',
  'schema_migrations',
  'search_documents',
  'sessions',
  'site_settings',
  'term_frequencies',
  'users',
  'view_marks',
  'view_visitors',
  'visitor_salts',
];

it('migrates an empty embedded database, and a second run is a no-op', async () => {
  const database = await openPglite();
  try {
    const first = await migrate(database.db);
    expect(first.applied).toEqual(loadMigrations().map((m) => m.tag));
    const second = await migrate(database.db);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });
    const tables = rowsOf<{ table_name: string }>(
      await database.db.execute(
        sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'byline' ORDER BY 1`,
      ),
    ).map((r) => r.table_name);
    expect(tables).toEqual(EXPECTED_TABLES);
  } finally {
    await database.close();
  }
});

it('refuses a migration that was edited after it was applied', async () => {
  const database = await openPglite();
  try {
    const migrations = loadMigrations();
    await migrate(database.db, migrations);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, hash: 'changed' } : m));
    await expect(migrate(database.db, edited)).rejects.toThrow(/changed after it was applied/);
  } finally {
    await database.close();
  }
});

describeEachEngine('migrations', ({ db }) => {
  it('leaves other schemas alone and runs safely twice', async () => {
    const { db: d } = db();
    // The template is migrated already; make an unrelated table elsewhere, migrate again.
    await d.execute(sql`CREATE TABLE public.not_ours (id int PRIMARY KEY, note text)`);
    await d.execute(sql`INSERT INTO public.not_ours VALUES (1, '别动我')`);
    const result = await migrate(d);
    expect(result.applied).toEqual([]);
    const rows = rowsOf<{ note: string }>(await d.execute(sql`SELECT note FROM public.not_ours`));
    expect(rows).toEqual([{ note: '别动我' }]);
    const publicTables = rowsOf<{ table_name: string }>(
      await d.execute(
        sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      ),
    ).map((r) => r.table_name);
    expect(publicTables).toEqual(['not_ours']);
    const tables = rowsOf<{ n: number }>(
      await d.execute(
        sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'byline'`,
      ),
    );
    expect(tables[0]?.n).toBe(EXPECTED_TABLES.length);
  });
});
