/** The author's own work through the API: drafts readable by their author and editors only, and /me/articles. */
import { expect, it } from 'vitest';
import { createSession, createUser } from '../accounts/index.js';
import { createDraft, scheduleArticle } from '../articles/index.js';
import { ensureDefaultChannels } from '../channels/index.js';
import { buildServer } from '../server.js';
import { describeEachEngine } from '../../test/db.js';
import { makeArticle, makeCreator, testClock } from '../../test/factories.js';

describeEachEngine('articles API for their authors', ({ db }) => {
  it('shows drafts and scheduled articles to their author and editors, 404 to others', async () => {
    const d = db();
    await ensureDefaultChannels(d.db);
    const clock = testClock();
    const author = await makeCreator(d.db);
    const other = await makeCreator(d.db);
    const editor = await createUser(d.db, {
      email: 'ed@x.test',
      displayName: 'ed',
      role: 'editor',
    });
    const token = async (userId: string) => (await createSession(d.db, clock, userId, 't')).token;
    const [mine, theirs, editors] = await Promise.all([
      token(author.userId),
      token(other.userId),
      token(editor.id),
    ]);
    const draft = await createDraft(
      d.db,
      clock,
      { userId: author.userId, authorId: author.id },
      { title: '我的草稿', channel: 'tech', bodyMarkdown: '还没写完。' },
    );
    const scheduled = await createDraft(
      d.db,
      clock,
      { userId: author.userId, authorId: author.id },
      { title: '定时的', channel: 'tech', bodyMarkdown: '明天发。' },
    );
    await scheduleArticle(d.db, clock, scheduled.id, new Date(clock.now().getTime() + 3_600_000));
    const published = await makeArticle(d.db, { authorId: author.id, title: '已发布' });
    const app = await buildServer({ database: d, clock });
    try {
      const get = (id: string, bearer?: string) =>
        app.inject({
          url: `/api/v1/articles/${id}`,
          headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
        });
      for (const id of [draft.id, scheduled.id]) {
        expect((await get(id, mine)).statusCode).toBe(200);
        expect((await get(id, editors)).statusCode).toBe(200);
        expect((await get(id, theirs)).json().error.code).toBe('ARTICLE_NOT_FOUND');
        expect((await get(id)).statusCode).toBe(404);
      }
      expect((await get(draft.id, mine)).json().article).toMatchObject({
        status: 'draft',
        title: '我的草稿',
        body: { source: '还没写完。' },
      });
      expect((await get(published.id)).statusCode).toBe(200);

      const list = async (query: string, bearer = mine) =>
        (
          await app.inject({
            url: `/api/v1/me/articles${query}`,
            headers: { authorization: `Bearer ${bearer}` },
          })
        ).json();
      const all = await list('');
      expect(all.items.map((a: { id: string }) => a.id).sort()).toEqual(
        [draft.id, scheduled.id, published.id].sort(),
      );
      expect((await list('?status=draft')).items.map((a: { id: string }) => a.id)).toEqual([
        draft.id,
      ]);
      // Paged by cursor, two then one.
      const first = await list('?limit=2');
      expect(first.items).toHaveLength(2);
      const second = await list(`?limit=2&cursor=${first.next_cursor}`);
      expect(second.items).toHaveLength(1);
      expect(second.next_cursor).toBeNull();
      expect((await list('?status=removed')).error.fields[0].path).toBe('status');
      // A reader has no articles of its own to list.
      const reader = await createUser(d.db, { email: 'r@x.test', displayName: 'r' });
      expect((await list('', await token(reader.id))).error.code).toBe('FORBIDDEN');
    } finally {
      await app.close();
    }
  });
});
