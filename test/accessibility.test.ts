/// <reference lib="dom" />
/**
 * WCAG 2.2 AA in Chromium: axe-core (WCAG 2.0/2.1/2.2 A and AA rules, plus the
 * best-practice rules for landmarks, headings and the skip link) on every page
 * type × normal and care mode × Simplified and Traditional × 375 and 1280 px,
 * with the 无障碍浏览 toolbar open; then the checks axe cannot make: keyboard
 * use with visible focus and no trap, reflow at 320 px, text at 200 %, and the
 * WCAG text-spacing overrides.
 */
import axe from 'axe-core';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, demoSiteInChromium } from './chromium.js';
import type { demoSite } from './site-fixture.js';

/** axe rule tags: every WCAG 2.x A/AA rule axe has, and its best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const WIDTHS = [375, 1280] as const;
const MODES = ['normal', 'care'] as const;
const VARIANTS = [
  { prefix: '', lang: 'zh-Hans' },
  { prefix: '/zh-hant', lang: 'zh-Hant' },
] as const;

describe.skipIf(!CHROMIUM_PATH)('accessibility in Chromium (WCAG 2.2 AA)', () => {
  let served: Awaited<ReturnType<typeof demoSiteInChromium>>;
  let site: Awaited<ReturnType<typeof demoSite>>;
  let browser: Browser;
  let origin: string;
  let session: string;
  let publicPages: { name: string; path: string }[];
  let studioPages: { name: string; path: string }[];

  beforeAll(async () => {
    served = await demoSiteInChromium();
    ({ site, browser, origin } = served);
    // An admin: every studio page an editor sees, and the admin console.
    session = await site.editorSession('admin');
    publicPages = [
      { name: 'portal', path: '/' },
      { name: 'channel', path: '/channel/tech' },
      { name: 'article', path: `/article/${site.article.id}` },
      { name: 'author', path: `/author/${site.article.handle}` },
      { name: 'hot', path: '/hot' },
      { name: 'search', path: '/search?q=%E7%BD%91%E7%90%83' },
      { name: 'care search', path: '/search?q=%E9%95%BF%E8%BE%88%E7%89%88' },
      {
        name: 'search naming a creator, with filters',
        path: `/search?q=${site.article.handle}&channel=tech&from=2020-01-01&to=2099-12-31`,
      },
      { name: 'apply', path: '/apply' },
      { name: 'sign-in', path: '/signin' },
      { name: 'register', path: '/register' },
      { name: 'password reset', path: '/password-reset' },
      { name: 'accessibility', path: '/accessibility' },
      { name: '404', path: '/no-such-page' },
      { name: 'article with cover and tags', path: `/article/${site.studio.id}` },
      { name: 'tag', path: `/tag/${encodeURIComponent('人工智能')}` },
    ];
    studioPages = [
      { name: 'studio', path: '/studio' },
      { name: 'editor', path: '/studio/new' },
      { name: 'review queue', path: '/studio/review' },
      { name: 'moderation desk', path: '/studio/moderation' },
      { name: 'my page', path: '/me' },
      { name: 'bookmarks', path: '/me/bookmarks' },
      { name: 'reading history', path: '/me/history' },
      { name: 'article, signed in (liked, bookmarked)', path: `/article/${site.studio.id}` },
      { name: 'profile', path: '/me/profile' },
      { name: 'password', path: '/me/password' },
      { name: 'notification settings', path: '/me/notifications' },
      { name: 'account and data', path: '/me/account' },
      { name: 'notifications', path: '/notifications' },
      { name: 'admin dashboard', path: '/studio/admin' },
      { name: 'site settings', path: '/studio/admin/settings' },
      { name: 'channels', path: '/studio/admin/channels' },
      { name: 'users', path: '/studio/admin/users?q=a11y' },
      { name: 'audit log', path: '/studio/admin/audit' },
      { name: 'image library', path: '/studio/images' },
      { name: 'editor with images', path: `/studio/articles/${site.studio.id}/edit` },
      { name: 'revision', path: `/studio/articles/${site.studio.id}/revisions/1` },
      { name: 'revision compare', path: `/studio/articles/${site.studio.id}/revisions/compare` },
    ];
  });
  afterAll(async () => {
    await served?.close();
  });

  async function newContext(
    width: number,
    mode: (typeof MODES)[number],
    signedIn: boolean,
    /** Lets a test add its own <style> (the site's CSP forbids inline styles). */
    bypassCSP = false,
  ): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP });
    const cookies = [
      { name: 'byline_mode', value: mode === 'care' ? 'care' : 'standard', url: origin },
    ];
    if (signedIn) cookies.push({ name: 'byline_session', value: session, url: origin });
    await context.addCookies(cookies);
    // The toolbar open on every page, so axe checks it too.
    await context.addInitScript(() => localStorage.setItem('byline-a11y', '{"open":true}'));
    // axe-core itself, loaded once per page by the browser rather than sent in for every check.
    await context.addInitScript({ content: axe.source });
    return context;
  }

  for (const width of WIDTHS) {
    for (const mode of MODES) {
      it(`axe: 0 violations on every page type, ${mode} mode, ${width} px, both scripts`, async () => {
        const problems: string[] = [];
        let runs = 0;
        for (const signedIn of [false, true]) {
          const context = await newContext(width, mode, signedIn);
          const queue = VARIANTS.flatMap((variant) =>
            (signedIn ? studioPages : publicPages).map((p) => ({ variant, ...p })),
          );
          // Two tabs at once: axe's work in one overlaps the other's page load.
          const tab = async () => {
            const page = await context.newPage();
            for (let job = queue.shift(); job; job = queue.shift()) {
              const { variant, name, path } = job;
              const url = `${origin}${variant.prefix}${path}`;
              await page.goto(url, { waitUntil: 'load' });
              // The read-aloud player is part of the page too.
              await page.evaluate(() => {
                const player = document.getElementById('read-aloud');
                if (player) player.hidden = false;
              });
              const facts = await page.evaluate(() => ({
                lang: document.documentElement.lang,
                h1: document.querySelectorAll('h1').length,
                care: document.body.classList.contains('care'),
                toolbar: getComputedStyle(document.getElementById('a11y-toolbar')!).display,
              }));
              const where = `${name} ${variant.prefix || '/'} ${mode} ${width}px`;
              if (facts.lang !== variant.lang) problems.push(`${where}: lang ${facts.lang}`);
              if (facts.h1 !== 1) problems.push(`${where}: ${facts.h1} <h1>`);
              if (facts.care !== (mode === 'care'))
                problems.push(`${where}: care mode not applied`);
              if (facts.toolbar === 'none') problems.push(`${where}: toolbar not shown`);
              // axe is in the page from the start (see newContext) and runs on the one document
              // (the pages have no frames); only violations are collected (passes and incomplete
              // results are half of axe's work).
              const violations = await page.evaluate(
                (tags) =>
                  (window as unknown as { axe: typeof axe }).axe
                    .run(document, {
                      runOnly: { type: 'tag', values: tags },
                      resultTypes: ['violations'],
                    })
                    .then((r) => r.violations),
                AXE_TAGS,
              );
              runs++;
              for (const v of violations) {
                problems.push(
                  `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
                    .slice(0, 3)
                    .map((n) => n.target.join(' '))
                    .join(' | ')}`,
                );
              }
            }
          };
          await Promise.all([tab(), tab()]);
          await context.close();
        }
        console.log(`[a11y] axe ${mode} ${width}px: ${runs} pages, ${problems.length} problems`);
        expect(problems.join('\n')).toBe('');
      }, 600_000);
    }
  }

  /** Tabs through the page; returns what got focus, with how its focus looks. */
  async function tabThrough(page: Page, max: number) {
    const seen: { label: string; visible: boolean; indicator: boolean }[] = [];
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const rect = el.getBoundingClientRect();
        return {
          label: `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 20)}`,
          visible: rect.width > 0 && rect.height > 0,
          indicator:
            (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
            style.boxShadow !== 'none',
        };
      });
      if (!focus) return { seen, escaped: true };
      seen.push(focus);
    }
    return { seen, escaped: false };
  }

  it('is usable by keyboard alone: skip link first, visible focus everywhere, no trap', async () => {
    for (const mode of MODES) {
      const context = await newContext(1280, mode, false);
      const page = await context.newPage();
      await page.goto(`${origin}/article/${site.article.id}`);
      const { seen, escaped } = await tabThrough(page, 400);
      expect(seen[0]?.label, mode).toBe('a 跳到正文');
      expect(escaped, `${mode}: focus never left the page (a trap)`).toBe(true);
      expect(seen.filter((s) => !s.visible || !s.indicator)).toEqual([]);
      expect(seen.length).toBeGreaterThan(40);
      // The skip link moves focus to the content.
      await page.goto(`${origin}/article/${site.article.id}`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      // The toolbar works from the keyboard: open it from the header, press A+.
      await page.evaluate(() => localStorage.removeItem('byline-a11y'));
      await page.goto(`${origin}/`);
      await page.locator('[data-a11y-open]').focus();
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-a11y'))).toBe(
        'text-down',
      );
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.documentElement.dataset.text)).toBe('1');
      await context.close();
    }
  }, 300_000);

  /** Pixels of sideways scroll, and elements whose text is cut off. */
  async function layoutProblems(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const out: string[] = [];
      const sideways = document.documentElement.scrollWidth - window.innerWidth;
      if (sideways > 0) out.push(`scrolls sideways by ${sideways}px`);
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const style = getComputedStyle(el);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        if (el.closest('.visually-hidden') || style.display === 'none') continue;
        if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.tagName === 'INPUT')
          continue;
        const clipped =
          (style.overflowX !== 'auto' && el.scrollWidth > el.clientWidth + 1) ||
          (style.overflowY !== 'auto' && el.scrollHeight > el.clientHeight + 1);
        if (clipped) out.push(`clipped: ${el.tagName.toLowerCase()}.${el.className}`);
      }
      return out;
    });
  }

  it('reflows at 320 px, takes text at 200 % and the WCAG text-spacing overrides without loss', async () => {
    const problems: string[] = [];
    for (const mode of MODES) {
      for (const signedIn of [false, true]) {
        const context = await newContext(320, mode, signedIn, true);
        const page = await context.newPage();
        for (const { name, path } of signedIn ? studioPages : publicPages) {
          await page.setViewportSize({ width: 320, height: 800 });
          await page.goto(`${origin}${path}`);
          for (const p of await layoutProblems(page)) problems.push(`${name} ${mode} 320px: ${p}`);
          // Text resized to 200 % (the browser's text-only zoom), at a desktop width.
          await page.setViewportSize({ width: 1280, height: 800 });
          await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
          for (const p of await layoutProblems(page)) problems.push(`${name} ${mode} 200%: ${p}`);
          // WCAG 1.4.12 text spacing, on a phone.
          await page.setViewportSize({ width: 375, height: 800 });
          await page.evaluate(() => {
            document.documentElement.style.fontSize = '';
            const style = document.createElement('style');
            style.textContent =
              '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
            document.head.appendChild(style);
          });
          for (const p of await layoutProblems(page))
            problems.push(`${name} ${mode} text-spacing: ${p}`);
        }
        await context.close();
      }
    }
    expect(problems.join('\n')).toBe('');
  }, 180_000);
});
