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

  it('records a share from the menu with the script, staying on the page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const url = `${origin}/article/${site.article.id}`;
    await page.goto(url);
    await page.locator('.share-menu summary').click();
    await page.locator('.share-targets button[value=wechat]').click();
    await expect.poll(() => page.locator('[data-share-count]').textContent()).toBe('1');
    expect(page.url()).toBe(url);
    await page.locator('.share-targets button[value=wechat]').click();
    await page.reload();
    expect(await page.locator('[data-share-count]').textContent()).toBe('1');
    await context.close();
  });
});
