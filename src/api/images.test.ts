/** The image library through the API: my images with where they are used, alt text, deleting unused ones. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createSession } from '../accounts/index.js';
import { createDraft } from '../articles/index.js';
import { ensureDefaultChannels } from '../channels/index.js';
import { DiskMediaStore, storeImage } from '../media/index.js';
import { buildServer } from '../server.js';
import { describeEachEngine } from '../../test/db.js';
import { makeCreator, testClock } from '../../test/factories.js';
import { multipart } from '../../test/http.js';
import { testPhoto } from '../../test/photo.js';

describeEachEngine('image library API', ({ db }) => {
  it('lists my images with paging and uses, changes alt text, deletes only unused ones (owner only)', async () => {
    const d = db();
    await ensureDefaultChannels(d.db);
    const clock = testClock();
    const media = new DiskMediaStore(mkdtempSync(path.join(tmpdir(), 'byline-lib-')));
    const me = await makeCreator(d.db);
    const other = await makeCreator(d.db);
    const photo = await testPhoto();
    const app = await buildServer({ database: d, clock, media });
    try {
      const mine = (await createSession(d.db, clock, me.userId, 't')).token;
      const theirs = (await createSession(d.db, clock, other.userId, 't')).token;
      const auth = (t: string) => ({ authorization: `Bearer ${t}` });
      // Upload through the API with its alt text.
      const form = multipart({ alt: '红色的方块' }, 'image', photo, 'p.jpg', 'image/jpeg');
      const up = await app.inject({
        method: 'POST',
        url: '/api/v1/images',
        headers: { ...auth(mine), 'content-type': form.contentType },
        payload: form.body,
      });
      expect(up.statusCode).toBe(201);
      const uploaded = up.json().image;
      expect(uploaded.markdown).toBe(`![红色的方块](/media/${uploaded.id} "")`);
      const cover = await storeImage(d.db, clock, {
        ownerId: me.userId,
        bytes: photo,
        store: media,
      });
      const figure = await storeImage(d.db, clock, {
        ownerId: me.userId,
        bytes: photo,
        store: media,
      });
      await storeImage(d.db, clock, { ownerId: other.userId, bytes: photo, store: media });
      await createDraft(
        d.db,
        clock,
        { userId: me.userId, authorId: me.id },
        {
          title: '有图的文章',
          channel: 'tech',
          bodyMarkdown: `第一段。\n\n![图](/media/${figure.id} "图注")`,
          coverImageId: cover.id,
        },
      );

      const list = async (query = '') =>
        app.inject({ url: `/api/v1/images${query}`, headers: auth(mine) });
      const all = (await list()).json();
      expect(all.items).toHaveLength(3);
      expect(all.next_cursor).toBeNull();
      const byId = new Map(all.items.map((i: { id: string }) => [i.id, i]));
      expect(byId.get(uploaded.id)).toMatchObject({ alt: '红色的方块', used_by: [] });
      expect(byId.get(cover.id)).toMatchObject({
        used_by: [{ title: '有图的文章', as_cover: true }],
      });
      expect(byId.get(figure.id)).toMatchObject({
        used_by: [{ title: '有图的文章', as_cover: false }],
        width: 2000,
        height: 1200,
      });
      // Paged two, then one, never repeating.
      const first = (await list('?limit=2')).json();
      expect(first.items).toHaveLength(2);
      const second = (await list(`?limit=2&cursor=${first.next_cursor}`)).json();
      expect(second.items).toHaveLength(1);
      expect(second.next_cursor).toBeNull();
      expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(3);
      expect((await list('?cursor=nonsense')).json().error.code).toBe('VALIDATION_FAILED');
      // Only mine: the other creator's image is not listed.
      expect(
        (await app.inject({ url: '/api/v1/images', headers: auth(theirs) })).json().items,
      ).toHaveLength(1);
      expect((await app.inject({ url: '/api/v1/images' })).statusCode).toBe(401);

      // Alt text: the owner changes it; another creator cannot see it.
      const patch = (id: string, token: string, alt: string) =>
        app.inject({
          method: 'PATCH',
          url: `/api/v1/images/${id}`,
          headers: auth(token),
          payload: { alt },
        });
      expect((await patch(cover.id, mine, '  封面 图 ')).json().image.alt).toBe('封面 图');
      expect((await patch(cover.id, theirs, 'x')).json().error.code).toBe('IMAGE_NOT_FOUND');

      // Delete: in use → 409 IMAGE_IN_USE naming the article; another's → 404; unused → 204.
      const del = (id: string, token: string) =>
        app.inject({ method: 'DELETE', url: `/api/v1/images/${id}`, headers: auth(token) });
      for (const used of [cover.id, figure.id]) {
        const res = await del(used, mine);
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('IMAGE_IN_USE');
        expect(res.json().error.fields[0].message).toContain('有图的文章');
      }
      expect((await del(uploaded.id, theirs)).json().error.code).toBe('IMAGE_NOT_FOUND');
      expect((await del(uploaded.id, mine)).statusCode).toBe(204);
      expect((await del(uploaded.id, mine)).statusCode).toBe(404);
      expect((await list()).json().items).toHaveLength(2);
      expect(await media.get(`${uploaded.id}/480.webp`)).toBeUndefined();
      expect((await del('not-a-uuid', mine)).json().error.code).toBe('IMAGE_NOT_FOUND');
    } finally {
      await app.close();
    }
  });
});
