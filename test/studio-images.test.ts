/**
 * The studio's image library and the editor's images, as pages: upload with
 * alt text, change it, delete an unused image (an image in use is refused
 * with the articles named), the editor's pickers, the live preview showing
 * uploaded images and `/media/{id}` as typed in Markdown.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createSession } from '../src/accounts/index.js';
import { createDraft } from '../src/articles/index.js';
import { ensureDefaultChannels } from '../src/channels/index.js';
import { DiskMediaStore, storeImage } from '../src/media/index.js';
import { buildServer } from '../src/server.js';
import { describeEachEngine } from './db.js';
import { makeCreator, testClock } from './factories.js';
import { Browser, multipart } from './http.js';
import { testPhoto } from './photo.js';

describeEachEngine('studio image library', ({ db }) => {
  it('uploads with alt text, edits it, refuses to delete an image in use, deletes an unused one', async () => {
    const d = db();
    await ensureDefaultChannels(d.db);
    const clock = testClock();
    const media = new DiskMediaStore(mkdtempSync(path.join(tmpdir(), 'byline-lib-')));
    const me = await makeCreator(d.db);
    const photo = await testPhoto();
    const app = await buildServer({ database: d, clock, media });
    try {
      const browser = new Browser(app).useSession(
        (await createSession(d.db, clock, me.userId, 't')).token,
      );
      const empty = await browser.get('/studio/images');
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain('还没有图片');
      // The no-script form: alt text and `back` before the file, then back to the library.
      const form = multipart(
        { _csrf: browser.csrf, back: 'library', alt: '<b>红色</b>方块' },
        'image',
        photo,
        'p.jpg',
        'image/jpeg',
      );
      const up = await app.inject({
        method: 'POST',
        url: '/studio/images',
        headers: {
          cookie: browser.cookieHeader(),
          'content-type': form.contentType,
          'sec-fetch-site': 'same-origin',
        },
        payload: form.body,
      });
      expect(up.statusCode).toBe(303);
      expect(up.headers.location).toBe('/studio/images?done=uploaded');
      const page = await browser.get('/studio/images?done=uploaded');
      expect(page.body).toContain('图片已上传');
      // Escaped, as a thumbnail with its size and the Markdown to reuse it.
      expect(page.body).toContain('alt="<b>红色</b>方块"');
      expect(page.body).not.toMatch(/>[^<"]*<b>红色/);
      expect(page.body).toMatch(/2000×1200 像素 · \d+ KB/);
      expect(page.body).toContain('未被使用');
      const id = /\/media\/([0-9a-f-]{36})\/480\.webp/.exec(page.body)![1]!;
      expect(page.body).toContain(`/media/${id} &#34;&#34;)`);

      const alt = await browser.post(`/studio/images/${id}/alt`, { alt: '新的说明' });
      expect(alt.statusCode).toBe(303);
      expect((await browser.get('/studio/images')).body).toContain('value="新的说明"');
      expect(
        (await browser.post(`/studio/images/${id}/alt`, { alt: '长'.repeat(201) })).statusCode,
      ).toBe(422);

      // In use as a cover: refused, the article named.
      await createDraft(
        d.db,
        clock,
        { userId: me.userId, authorId: me.id },
        { title: '封面文章', channel: 'tech', bodyMarkdown: '正文', coverImageId: id },
      );
      const library = await browser.get('/studio/images');
      expect(library.body).toContain('封面：');
      expect(library.body).toContain('《封面文章》');
      expect(library.body).toContain('使用中的图片不能删除');
      const refused = await browser.post(`/studio/images/${id}/delete`, {});
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('图片正在被文章使用，不能删除');
      expect(refused.body).toContain('用作封面：《封面文章》');

      const unused = await storeImage(d.db, clock, {
        ownerId: me.userId,
        bytes: photo,
        store: media,
      });
      const deleted = await browser.post(`/studio/images/${unused.id}/delete`, {});
      expect(deleted.statusCode).toBe(303);
      expect((await browser.get('/studio/images?done=deleted')).body).toContain('图片已删除');
      expect((await browser.get('/studio/images')).body).not.toContain(unused.id);
      // Another creator's image is not found (never deleted).
      const other = await makeCreator(d.db);
      const theirs = await storeImage(d.db, clock, {
        ownerId: other.userId,
        bytes: photo,
        store: media,
      });
      expect((await browser.post(`/studio/images/${theirs.id}/delete`, {})).statusCode).toBe(404);
      expect((await browser.post(`/studio/images/${theirs.id}/alt`, { alt: 'x' })).statusCode).toBe(
        404,
      );
    } finally {
      await app.close();
    }
  });

  it('shows uploaded images in the live preview, serves /media/{id}, offers them in the editor', async () => {
    const d = db();
    await ensureDefaultChannels(d.db);
    const clock = testClock();
    const media = new DiskMediaStore(mkdtempSync(path.join(tmpdir(), 'byline-lib-')));
    const me = await makeCreator(d.db);
    const image = await storeImage(d.db, clock, {
      ownerId: me.userId,
      bytes: await testPhoto(),
      store: media,
      alt: '库里的图',
    });
    const app = await buildServer({ database: d, clock, media });
    try {
      const browser = new Browser(app).useSession(
        (await createSession(d.db, clock, me.userId, 't')).token,
      );
      const editor = await browser.get('/studio/new');
      // The picker offers the library image, the cover picker too, the upload tools are there.
      expect(editor.body).toContain(`data-insert="![库里的图](/media/${image.id} &#34;&#34;)"`);
      expect(editor.body).toContain(`name="coverImageId" value="${image.id}"`);
      expect(editor.body).toContain('id="editor-upload"');
      expect(editor.body).toContain('data-upload="/studio/images"');

      const preview = await browser.post('/studio/preview', {
        bodyMarkdown: `![图](/media/${image.id} "图注")`,
      });
      const html = preview.json().html as string;
      expect(html).toContain(`src="/media/${image.id}/1600.webp"`);
      expect(html).toContain('<figcaption>图注</figcaption>');
      // Every URL in the preview answers (the bug: /media/{id} was a 404).
      for (const [, url] of html.matchAll(/(?:src|srcset)="([^" ]+)/g)) {
        const res = await app.inject({ url: url! });
        expect(res.statusCode, url).toBe(200);
      }
      const bare = await app.inject({ url: `/media/${image.id}` });
      expect(bare.statusCode).toBe(301);
      expect(bare.headers.location).toBe(`/media/${image.id}/1600.webp`);
      expect(
        (await app.inject({ url: '/media/00000000-0000-4000-8000-000000000000' })).statusCode,
      ).toBe(404);
    } finally {
      await app.close();
    }
  });
});
