/**
 * Byline's own export, both engines: the demo site exported and imported
 * into an empty site holds the same rows — articles with every revision,
 * bodies byte for byte, comments, follows, engagement, fingerprints — under
 * the same ids (so the same URLs); password hashes only when asked for.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { expect, it } from 'vitest';
import { createTestDatabase, describeEachEngine } from '../../test/db.js';
import { demoDatabase } from '../../test/demo-database.js';
import { rowsOf, type Queryable } from '../db/client.js';
import { DiskMediaStore } from '../media/index.js';
import { createUser } from '../accounts/index.js';
import { setFollow } from '../creators/index.js';
import { likeArticle, postComment } from '../engagement/index.js';
import { fingerprintAll } from '../originality/index.js';
import { makeArticle, makeCreator, testClock } from '../../test/factories.js';
import { exportSite, importArchive } from './index.js';
import { exportTables } from './archive.js';

/** Every exported table's row count, and a digest of the rows that must come back byte for byte. */
async function fingerprintOf(db: Queryable) {
  const tables: Record<string, number> = {};
  for (const t of await exportTables(db)) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql.raw(`SELECT count(*)::int AS n FROM byline.${t.name}`)),
    );
    tables[t.name] = row!.n;
  }
  const digest = async (query: string) =>
    rowsOf<{ d: string }>(await db.execute(sql.raw(query)))[0]!.d;
  return {
    tables,
    articles: await digest(
      `SELECT md5(string_agg(id || title || body_source || body_html || status || coalesce(published_at::text, ''), '|' ORDER BY id)) AS d FROM byline.articles`,
    ),
    revisions: await digest(
      `SELECT md5(string_agg(article_id || revision || body_source, '|' ORDER BY article_id, revision)) AS d FROM byline.article_revisions`,
    ),
    comments: await digest(
      `SELECT md5(string_agg(id || article_id || body || status || created_at::text, '|' ORDER BY id)) AS d FROM byline.comments`,
    ),
    follows: await digest(
      `SELECT md5(string_agg(user_id || ':' || creator_id, '|' ORDER BY user_id, creator_id)) AS d FROM byline.follows`,
    ),
    fingerprints: await digest(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS d FROM byline.article_fingerprints t`,
    ),
  };
}

/** Readers on the demo site: comments with a reply, a follow, a like (the demo has none of its own). */
async function engage(db: Queryable) {
  const clock = testClock();
  const [article] = rowsOf<{ id: string; author: string }>(
    await db.execute(
      sql`SELECT id, author_id AS author FROM byline.articles WHERE status = 'published' ORDER BY id LIMIT 1`,
    ),
  );
  const reader = await createUser(db, {
    email: 'reader@example.cn',
    displayName: '读者',
    role: 'reader',
    password: 'Zhang-San-2026!',
  });
  const first = await postComment(db, clock, {
    articleId: article!.id,
    userId: reader.id,
    holdHours: 0,
    body: '第一条评论 🎉',
  });
  await postComment(db, clock, {
    articleId: article!.id,
    userId: reader.id,
    holdHours: 0,
    body: '回复：\r\n全角，标点。',
    parentId: first.id,
  });
  await setFollow(db, {
    userId: reader.id,
    creatorId: article!.author,
    follow: true,
    at: clock.now(),
  });
  await likeArticle(db, clock, { articleId: article!.id, userId: reader.id });
  await fingerprintAll(db);
}

describeEachEngine('export → import round trip', ({ engine, db }) => {
  it('the demo site, exported and imported into an empty site, is the same site', async () => {
    const source = await demoDatabase(engine);
    const dir = mkdtempSync(path.join(tmpdir(), 'byline-export-'));
    const file = path.join(dir, 'site.zip');
    try {
      await engage(source.db);
      const before = await fingerprintOf(source.db);
      expect(before.tables.articles).toBeGreaterThan(1000);
      expect(before.tables.comments).toBeGreaterThan(0);
      expect(before.tables.article_fingerprints).toBeGreaterThan(1000);
      const counts = await exportSite(source.db, file, {
        store: new DiskMediaStore(dir),
        withCredentials: false,
      });
      expect(counts).toEqual(before.tables);
      const zip = unzipSync(readFileSync(file), {
        filter: (f) => f.name === 'manifest.json' || f.name === 'tables/users.jsonl',
      });
      const manifest = JSON.parse(Buffer.from(zip['manifest.json']!).toString()) as {
        format: string;
        version: number;
      };
      expect(manifest).toMatchObject({ format: 'byline-export', version: 1 });
      for (const line of Buffer.from(zip['tables/users.jsonl']!).toString().trim().split('\n'))
        expect(JSON.parse(line)).toMatchObject({ password_hash: null });

      const report = await importArchive(db().db, file, {
        store: new DiskMediaStore(path.join(dir, 'target')),
      });
      expect(report.counts.articles).toEqual({
        imported: before.tables.articles,
        skipped: 0,
        failed: 0,
      });
      expect(await fingerprintOf(db().db)).toEqual(before);
      // Again: nothing new, nothing lost.
      const again = await importArchive(db().db, file, {
        store: new DiskMediaStore(path.join(dir, 'target')),
      });
      expect(again.counts.articles).toEqual({
        imported: 0,
        skipped: before.tables.articles,
        failed: 0,
      });
      expect(await fingerprintOf(db().db)).toEqual(before);
    } finally {
      await source.close();
    }
  }, 600_000);

  it('into a site that is not empty, reports the rows that cannot go in and imports the rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'byline-export-'));
    const source = db().db;
    const creator = await makeCreator(source, { handle: 'laowang' });
    const author = rowsOf<{ email: string }>(
      await source.execute(sql`SELECT email FROM byline.users WHERE id = ${creator.userId}`),
    )[0]!;
    await makeArticle(source, { authorId: creator.id, title: '第一篇' });
    const file = path.join(dir, 'site.zip');
    await exportSite(source, file, { store: new DiskMediaStore(dir), withCredentials: false });
    const target = await createTestDatabase(engine);
    try {
      // The same address already has an account of its own here.
      await createUser(target.db, { email: author.email, displayName: '已有的人' });
      const report = await importArchive(target.db, file, { store: new DiskMediaStore(dir) });
      expect(report.counts.authors.failed).toBe(1);
      expect(report.counts.articles.failed).toBe(1);
      const failure = report.items.find((i) => i.kind === 'authors');
      expect(failure?.position).toContain('tables/creator_profiles.jsonl');
      expect(failure?.reason).toMatch(/^无法写入：/);
      const channels = rowsOf<{ n: number }>(
        await target.db.execute(sql`SELECT count(*)::int AS n FROM byline.channels`),
      );
      expect(channels[0]!.n).toBeGreaterThan(0);
    } finally {
      await target.close();
    }
  });
});
