/**
 * Lighthouse (pinned 12.8.2, the last major that runs on Node 20) with Debian's
 * Chromium: the accessibility score of the portal and an article page, in
 * normal and care mode, must be 100. The scores are printed.
 */
import type { AddressInfo } from 'node:net';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { demoSite } from './site-fixture.js';

describe.skipIf(!CHROMIUM_PATH)('Lighthouse accessibility', () => {
  let site: Awaited<ReturnType<typeof demoSite>>;
  let chrome: chromeLauncher.LaunchedChrome;
  let origin: string;

  beforeAll(async () => {
    site = await demoSite();
    await site.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(site.app.server.address() as AddressInfo).port}`;
    chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM_PATH!,
      chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
      logLevel: 'silent',
    });
  }, 300_000);
  afterAll(async () => {
    await chrome?.kill();
    await site?.close();
  });

  it('scores 100 on the portal and the article page, normal and care mode', async () => {
    const scores: Record<string, number> = {};
    const failing: string[] = [];
    for (const path of ['/', `/article/${site.article.id}`]) {
      for (const mode of ['standard', 'care']) {
        const url = `${origin}${path}${path.includes('?') ? '&' : '?'}mode=${mode}`;
        const result = await lighthouse(url, {
          port: chrome.port,
          onlyCategories: ['accessibility'],
          logLevel: 'error',
          output: 'json',
          formFactor: mode === 'care' ? 'mobile' : 'desktop',
          screenEmulation:
            mode === 'care'
              ? { mobile: true, width: 375, height: 800, deviceScaleFactor: 2, disabled: false }
              : { mobile: false, width: 1280, height: 900, deviceScaleFactor: 1, disabled: false },
        });
        const lhr = result!.lhr;
        const score = Math.round((lhr.categories.accessibility!.score ?? 0) * 100);
        scores[`${path} ${mode}`] = score;
        for (const audit of Object.values(lhr.audits))
          if (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
            failing.push(`${path} ${mode}: ${audit.id} — ${audit.title}`);
      }
    }
    console.log('[lighthouse] accessibility scores', JSON.stringify(scores));
    expect(failing).toEqual([]);
    expect(Object.values(scores).every((s) => s === 100)).toBe(true);
  }, 180_000);
});
