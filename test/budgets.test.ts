/** Page-weight budgets: article HTML ≤ 100 KB, JS ≤ 30 KB, CSS ≤ 40 KB, no web fonts. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetSizes } from '../src/web/routes/assets.js';
import { demoSite } from './site-fixture.js';

const KB = 1024;

describe('budgets', () => {
  let site: Awaited<ReturnType<typeof demoSite>>;
  beforeAll(async () => {
    site = await demoSite();
  });
  afterAll(async () => site?.close());

  it('keeps every page under 100 KB of HTML, the longest article included', async () => {
    const sizes: Record<string, number> = {};
    for (const url of site.pageUrls) {
      const res = await site.app.inject({ url });
      sizes[url] = res.rawPayload.length;
      expect(res.rawPayload.length, url).toBeLessThanOrEqual(100 * KB);
    }
    console.log('[page sizes, bytes]', JSON.stringify(sizes));
  });

  it('ships at most 30 KB of JavaScript and 40 KB of CSS, and no web fonts', () => {
    const assets = assetSizes();
    const js = Object.entries(assets)
      .filter(([k]) => k.endsWith('.js'))
      .reduce((n, [, v]) => n + v, 0);
    const css = Object.entries(assets)
      .filter(([k]) => k.endsWith('.css'))
      .reduce((n, [, v]) => n + v, 0);
    expect(js).toBeLessThanOrEqual(30 * KB);
    expect(css).toBeLessThanOrEqual(40 * KB);
    const stylesheet = readFileSync(new URL('../src/web/assets/site.css', import.meta.url), 'utf8');
    expect(stylesheet).not.toMatch(/@font-face|@import/);
    // The only url() are the large-cursor images, served from our own assets.
    for (const [, target] of stylesheet.matchAll(/url\(([^)]*)\)/g))
      expect(target).toMatch(/^'\/assets\/(cursor|pointer)\.svg'$/);
  });
});
