/// <reference lib="dom" />
/**
 * The site in a real browser (Debian's Chromium via playwright-core): home and
 * article pages at phone and desktop widths render without horizontal
 * scrolling, console errors, third-party requests or web fonts; the share
 * menu's script records a share without leaving the page.
 */
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { demoSite } from './site-fixture.js';

import { CHROMIUM_PATH, demoSiteInChromium } from './chromium.js';

describe.skipIf(!CHROMIUM_PATH)('in Chromium', () => {
  let served: Awaited<ReturnType<typeof demoSiteInChromium>>;
  let site: Awaited<ReturnType<typeof demoSite>>;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    served = await demoSiteInChromium();
    ({ site, browser, origin } = served);
  });
  afterAll(async () => {
    await served?.close();
  });

  for (const width of [375, 1280]) {
    it(`home and article pages fit ${width} px with no errors and no third-party requests`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      const foreign: string[] = [];
      const fonts: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(msg.text());
      });
      page.on('pageerror', (err) => problems.push(err.message));
      page.on('response', (res) => {
        if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
      });
      page.on('request', (req) => {
        if (!req.url().startsWith(origin) && !req.url().startsWith('data:'))
          foreign.push(req.url());
        if (req.resourceType() === 'font') fonts.push(req.url());
      });
      for (const path of [
        '/',
        `/article/${site.article.id}`,
        `/article/${site.longest.id}`,
        `/zh-hant/article/${site.article.id}`,
      ]) {
        const res = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
        expect(res?.status(), path).toBe(200);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow, `${path} scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
      }
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
      expect(fonts).toEqual([]);
      await context.close();
    });
  }

  it('phone portal (375×812): one nav row, compact header, first article link on the first screen, 要闻 folded', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    for (const path of ['/', '/channel/sports', '/hot', '/latest']) {
      await page.goto(`${origin}${path}`, { waitUntil: 'load' });
      const layout = await page.evaluate(() => {
        const link = Array.from(document.querySelectorAll('main a[href*="/article/"]')).find(
          (a) => a.getAttribute('aria-hidden') !== 'true',
        );
        const navTops = Array.from(document.querySelectorAll('nav.channels li')).map((li) =>
          Math.round(li.getBoundingClientRect().top),
        );
        return {
          firstLinkTop: link ? link.getBoundingClientRect().top : Infinity,
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          navRows: new Set(navTops).size,
          headerHeight: document.querySelector('.site-header')!.getBoundingClientRect().height,
          openBlocks: document.querySelectorAll('details.channel-block[open]').length,
        };
      });
      expect(layout.firstLinkTop, path).toBeLessThanOrEqual(400);
      expect(layout.overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      expect(layout.navRows, path).toBe(1);
      expect(layout.headerHeight, path).toBeLessThanOrEqual(160);
      expect(layout.openBlocks, path).toBe(0);
    }
    await context.close();
    const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const desktop = await wide.newPage();
    await desktop.goto(`${origin}/`, { waitUntil: 'load' });
    const blocks = desktop.locator('details.channel-block');
    expect(await blocks.count()).toBeGreaterThan(0);
    await expect
      .poll(() => desktop.locator('details.channel-block[open]').count())
      .toBe(await blocks.count());
    await wide.close();
  });

  it('records a share from the menu with the script, staying on the page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const url = `${origin}/article/${site.article.id}`;
    await page.goto(url);
    // The demo's engagement history gave the article some shares already.
    const before = Number(await page.locator('[data-share-count]').textContent());
    const after = String(before + 1);
    await page.locator('.share-menu summary').click();
    await page.locator('.share-targets button[value=wechat]').click();
    await expect.poll(() => page.locator('[data-share-count]').textContent()).toBe(after);
    expect(page.url()).toBe(url);
    await page.locator('.share-targets button[value=wechat]').click();
    await page.reload();
    expect(await page.locator('[data-share-count]').textContent()).toBe(after);
    await context.close();
  });

  it('likes and bookmarks with the script, staying on the page; liking again takes it back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const session = await site.editorSession();
    await context.addCookies([{ name: 'byline_session', value: session, url: origin }]);
    const page = await context.newPage();
    // The fixture's reader already likes and bookmarks the studio article; this one is fresh.
    const url = `${origin}/article/${site.article.id}`;
    await page.goto(url);
    const like = page.locator('form.reaction-form button.like');
    expect(await like.getAttribute('aria-pressed')).toBe('false');
    await like.click();
    await expect.poll(() => like.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('[data-like-count]').textContent()).toBe('1');
    expect(await like.textContent()).toContain('已赞');
    expect(page.url()).toBe(url);
    await like.click();
    await expect.poll(() => like.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('[data-like-count]').textContent()).toBe('0');
    const bookmark = page.locator('form.reaction-form button.bookmark');
    // (the fixture bookmarked this article already: the button shows it, and takes it back)
    expect(await bookmark.getAttribute('aria-pressed')).toBe('true');
    await bookmark.click();
    await expect.poll(() => bookmark.getAttribute('aria-pressed')).toBe('false');
    await page.reload();
    expect(
      await page.locator('form.reaction-form button.bookmark').getAttribute('aria-pressed'),
    ).toBe('false');
    await context.close();
  });
});
