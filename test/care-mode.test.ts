/// <reference lib="dom" />
/**
 * 关怀版 measured in Chromium, not eyeballed: computed text sizes, line heights,
 * paragraph spacing, contrast of every text against what is behind it, the
 * boxes of the primary controls, one column, and no ads, pop-ups, app or pay
 * prompts, or motion — on every page type, at phone and desktop widths. Then
 * 语音阅读 (speech synthesis with a stubbed voice list and engine: the feature
 * itself runs) and the 无障碍浏览 toolbar, whose settings persist across pages.
 */
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, demoSiteInChromium } from './chromium.js';
import type { demoSite } from './site-fixture.js';

/** The MIIT elder-care numbers as we apply them (../shared/PRODUCT.md). */
const CARE = {
  minTextPx: 22,
  minLineHeight: 1.5,
  paragraphGapPerLine: 1.3,
  minContrast: 7,
  minControlPx: 60,
} as const;

/** App-download and pay prompts as Chinese news sites word them. */
const PROMPTS =
  /下载(APP|App|app|客户端)|打开(APP|App|app|客户端)|开通会员|付费阅读|立即购买|扫码下载/;
/** Where ads live in a page's markup. */
const AD_SELECTOR =
  '.ad, .ads, .advert, .advertisement, .banner-ad, ins.adsbygoogle, [id^="ad-"], [class^="ad-"], [class*=" ad-"], [data-ad]';

/** Runs in the page: every measurement the care mode promises, as a list of failures. */
function measureCare(limits: typeof CARE): string[] {
  const out: string[] = [];
  const parse = (c: string): [number, number, number, number] => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1]!
      .split(/[ ,/]+/)
      .filter(Boolean)
      .map(Number);
    return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
  };
  const luminance = ([r, g, b]: number[]) => {
    const f = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
  };
  const background = (el: Element | null): number[] => {
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0.5) return bg;
    }
    return [255, 255, 255, 1];
  };
  const label = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} "${(el.textContent ?? '').trim().slice(0, 12)}"`;
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    return (
      !el.closest('.visually-hidden, [hidden]') && getComputedStyle(el).visibility !== 'hidden'
    );
  };
  // Text: size, line height and contrast of everything with its own words.
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const own = Array.from(el.childNodes).some(
      (n) => n.nodeType === Node.TEXT_NODE && /[\p{L}\p{N}]/u.test(n.nodeValue ?? ''),
    );
    if (!own || !visible(el) || el.closest('svg, option')) continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    if (size < limits.minTextPx) out.push(`text ${size}px: ${label(el)}`);
    const lh = style.lineHeight === 'normal' ? size * 1.2 : parseFloat(style.lineHeight);
    if (
      !['INPUT', 'BUTTON', 'SELECT', 'TEXTAREA'].includes(el.tagName) &&
      lh / size < limits.minLineHeight
    )
      out.push(`line height ${(lh / size).toFixed(2)}: ${label(el)}`);
    const fg = parse(style.color);
    const bg = background(el);
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (l1! + 0.05) / (l2! + 0.05);
    if (ratio < limits.minContrast) out.push(`contrast ${ratio.toFixed(2)}: ${label(el)}`);
  }
  // Paragraph spacing in the article body.
  const paras = Array.from(document.querySelectorAll('.article-body > p')).filter(visible);
  for (let i = 1; i < paras.length; i++) {
    const gap =
      paras[i]!.getBoundingClientRect().top - paras[i - 1]!.getBoundingClientRect().bottom;
    const lh = parseFloat(getComputedStyle(paras[i]!).lineHeight);
    if (gap < limits.paragraphGapPerLine * lh - 0.5)
      out.push(`paragraph gap ${gap.toFixed(1)}px < ${limits.paragraphGapPerLine} × ${lh}px`);
  }
  // Primary controls: buttons, menus, navigation and pager links, text fields.
  const controls = document.querySelectorAll(
    'button, summary, select, .channels a, .tools a, .pager a, a.button, .search input, .field input:not([type=checkbox]):not([type=radio]):not([type=hidden]), .field select',
  );
  for (const el of Array.from(controls)) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < limits.minControlPx - 0.5 || r.height < limits.minControlPx - 0.5)
      out.push(`control ${Math.round(r.width)}×${Math.round(r.height)}: ${label(el)}`);
  }
  // Every disclosure keeps its ▶ marker (分享至, 举报, the account menu): a native one, or drawn.
  for (const el of Array.from(document.querySelectorAll('summary'))) {
    if (!visible(el)) continue;
    const drawn = getComputedStyle(el, '::before').content;
    const native = getComputedStyle(el).display === 'list-item';
    if (!native && !/[▶▼►]/u.test(drawn)) out.push(`summary without its marker: ${label(el)}`);
  }
  // No motion.
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const style = getComputedStyle(el);
    if (style.animationName !== 'none') out.push(`animation: ${label(el)}`);
    if (style.transitionDuration.split(',').some((d) => parseFloat(d) > 0))
      out.push(`transition: ${label(el)}`);
  }
  // No pop-ups, overlays or embedded third-party frames.
  if (
    document.querySelector(
      'iframe, dialog[open], [role=dialog], [role=alertdialog], .modal, .popup',
    )
  )
    out.push('a pop-up or frame is on the page');
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    const position = getComputedStyle(el).position;
    if ((position === 'fixed' || position === 'sticky') && visible(el))
      out.push(`overlay (${position}): ${label(el)}`);
  }
  return out;
}

describe.skipIf(!CHROMIUM_PATH)('关怀版 (care mode) and 无障碍浏览 in Chromium', () => {
  let served: Awaited<ReturnType<typeof demoSiteInChromium>>;
  let site: Awaited<ReturnType<typeof demoSite>>;
  let browser: Browser;
  let origin: string;
  let session: string;

  beforeAll(async () => {
    served = await demoSiteInChromium();
    ({ site, browser, origin } = served);
    session = await site.editorSession();
  });
  afterAll(async () => {
    await served?.close();
  });

  const publicPaths = () => [
    '/',
    '/channel/tech',
    `/article/${site.article.id}`,
    `/article/${site.longest.id}`,
    `/author/${site.article.handle}`,
    '/hot',
    '/search?q=%E7%BD%91%E7%90%83',
    `/search?q=${site.article.handle}&channel=tech&from=2020-01-01&to=2099-12-31`,
    '/apply',
    '/signin',
    '/accessibility',
    '/no-such-page',
    `/zh-hant/article/${site.article.id}`,
    `/tag/${encodeURIComponent('人工智能')}`,
  ];

  for (const width of [375, 1280]) {
    it(`meets the care-mode numbers on every page at ${width} px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      // A shared link turns the mode on; the cookie keeps it on for every later page.
      await page.goto(`${origin}/?mode=care`);
      await context.addCookies([{ name: 'byline_session', value: session, url: origin }]);
      const paths = [
        ...publicPaths(),
        '/studio',
        '/studio/new',
        '/studio/review',
        '/me/bookmarks',
        '/me/history',
      ];
      for (const path of paths) {
        await page.goto(`${origin}${path}`);
        expect(await page.evaluate(() => document.body.classList.contains('care')), path).toBe(
          true,
        );
        for (const p of await page.evaluate(measureCare, CARE)) problems.push(`${path}: ${p}`);
        const text = await page.evaluate(() => document.body.innerText);
        if (PROMPTS.test(text)) problems.push(`${path}: an app or pay prompt`);
        if (await page.locator(AD_SELECTOR).count()) problems.push(`${path}: an ad`);
        // The toolbar is always open in care mode.
        expect(await page.locator('#a11y-toolbar').isVisible(), path).toBe(true);
      }
      // One column: the side column sits below the main one, at the same left edge.
      await page.goto(`${origin}/article/${site.article.id}`);
      const [primary, secondary] = await page.evaluate(() =>
        ['.primary', '.secondary'].map((s) => {
          const r = document.querySelector(s)!.getBoundingClientRect();
          return { left: r.left, top: r.top, bottom: r.bottom };
        }),
      );
      expect(secondary!.top).toBeGreaterThanOrEqual(primary!.bottom);
      expect(Math.abs(secondary!.left - primary!.left)).toBeLessThan(1);
      expect(problems.join('\n')).toBe('');
      await context.close();
    }, 120_000);
  }

  it('offers care mode prominently on every page, and to searches for its other names', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    for (const path of publicPaths()) {
      await page.goto(`${origin}${path}`);
      const entry = page.locator('header a.care-toggle');
      expect(await entry.textContent(), path).toMatch(/进入关怀版|進入關懷版/);
      // In the header, visible without scrolling, on a phone.
      const box = (await entry.boundingBox())!;
      expect(box.y + box.height, path).toBeLessThan(800);
    }
    for (const q of ['关怀版', '长辈版', '关爱版', '亲情版', '關懷版']) {
      await page.goto(`${origin}/search?q=${encodeURIComponent(q)}`);
      await page.locator('.care-entry a.button').click();
      expect(await page.evaluate(() => document.body.classList.contains('care')), q).toBe(true);
      // …and it stays on until the reader leaves it.
      await page.goto(`${origin}/hot`);
      expect(await page.evaluate(() => document.body.classList.contains('care')), q).toBe(true);
      await page.locator('header a.care-toggle').click();
      expect(await page.evaluate(() => document.body.classList.contains('care')), q).toBe(false);
      await page.goto(`${origin}/`);
      expect(await page.evaluate(() => document.body.classList.contains('care')), q).toBe(false);
    }
    await context.close();
  }, 60_000);

  /** Replaces the speech engine and voice list; the page's own code does the rest. */
  async function stubSpeech(page: Page, voices: { name: string; lang: string }[]) {
    await page.addInitScript((list) => {
      const spoken: { text: string; lang: string; rate: number; highlighted: string }[] = [];
      let queue: SpeechSynthesisUtterance[] = [];
      let paused = false;
      const finish = () => {
        const u = queue.shift();
        if (u) setTimeout(() => u.onend?.(new Event('end') as SpeechSynthesisEvent), 0);
      };
      const engine = {
        getVoices: () =>
          list.map((v) => ({ ...v, voiceURI: v.name, default: false, localService: true })),
        speak(u: SpeechSynthesisUtterance) {
          const highlight = (CSS.highlights as unknown as Map<string, Set<Range>>).get(
            'byline-tts',
          );
          const range = highlight ? [...highlight][0] : undefined;
          spoken.push({
            text: u.text,
            lang: u.lang,
            rate: u.rate,
            highlighted: String(range ?? ''),
          });
          queue.push(u);
          if (!paused) finish();
        },
        pause() {
          paused = true;
        },
        resume() {
          paused = false;
          finish();
        },
        cancel() {
          queue = [];
        },
        addEventListener() {},
        speaking: false,
        paused: false,
        pending: false,
      };
      Object.defineProperty(window, 'speechSynthesis', { value: engine });
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
    }, voices);
  }

  it('reads the article aloud: title then body, sentence by sentence, highlighting each', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await stubSpeech(page, [
      { name: 'English', lang: 'en-US' },
      { name: '普通话', lang: 'zh-CN' },
    ]);
    await page.goto(`${origin}/article/${site.article.id}`);
    const expected = await page.evaluate(() => {
      const blocks = [
        document.querySelector('.article > h1')!,
        ...Array.from(document.querySelectorAll('.article-body p, .article-body figcaption')),
      ];
      return blocks.map((b) => (b.textContent ?? '').replace(/\s+/g, '')).join('');
    });
    await page.locator('.read-this button').click();
    await expect
      .poll(() => page.evaluate(() => document.querySelector('[data-tts=status]')!.textContent), {
        timeout: 20_000,
      })
      .toBe('朗读完毕。');
    const spoken = await page.evaluate(
      () =>
        (window as unknown as { spoken: { text: string; lang: string; highlighted: string }[] })
          .spoken,
    );
    expect(spoken.length).toBeGreaterThan(3);
    // Everything, in order, nothing twice.
    expect(spoken.map((s) => s.text.replace(/\s+/g, '')).join('')).toBe(expected);
    const title = await page.locator('.article > h1').textContent();
    expect(spoken[0]!.text).toBe(title!.trim());
    for (const s of spoken) {
      expect(s.lang).toBe('zh-CN');
      // The sentence being read is the one highlighted.
      expect(s.highlighted).toBe(s.text);
    }
    // Pause, resume at another speed, and stop.
    await page.evaluate(() => ((window as unknown as { spoken: unknown[] }).spoken.length = 0));
    await page.evaluate(() => {
      const engine = window.speechSynthesis as unknown as { pause(): void };
      engine.pause(); // hold the engine so the controls can be pressed mid-article
    });
    await page.locator('[data-tts=play]').click();
    await page.locator('[data-tts=pause]').click();
    expect(await page.locator('[data-tts=status]').textContent()).toBe('已暂停。');
    await page.locator('[data-tts=rate]').selectOption('1.5');
    await page.locator('[data-tts=stop]').click();
    expect(await page.locator('[data-tts=status]').textContent()).toBe('已停止。');
    const afterRate = await page.evaluate(
      () => (window as unknown as { spoken: { rate: number }[] }).spoken,
    );
    expect(afterRate.at(-1)?.rate).toBe(1.5);
    expect(
      await page.evaluate(() =>
        (CSS.highlights as unknown as Map<string, unknown>).has('byline-tts'),
      ),
    ).toBe(false);
    await context.close();
  }, 60_000);

  it('says clearly when the device has no Chinese voice, and speaks nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await stubSpeech(page, [{ name: 'English', lang: 'en-US' }]);
    await page.goto(`${origin}/zh-hant/article/${site.article.id}`);
    await page.locator('.read-this button').click();
    await expect
      .poll(() => page.locator('[data-tts=status]').textContent())
      .toMatch(/沒有找到中文語音|没有找到中文语音/);
    expect(await page.locator('[data-tts=status]').getAttribute('role')).toBe('status');
    expect(await page.evaluate(() => (window as unknown as { spoken: unknown[] }).spoken)).toEqual(
      [],
    );
    await context.close();
  }, 30_000);

  it('keeps the toolbar settings across pages, applies them, and resets them', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${origin}/article/${site.article.id}`);
    const bodySize = () =>
      page.evaluate(() =>
        parseFloat(getComputedStyle(document.querySelector('.article-body p')!).fontSize),
      );
    const before = await bodySize();
    await page.locator('header [data-a11y-open]').click();
    await page.locator('[data-a11y=text-up]').click();
    await page.locator('[data-a11y=text-up]').click();
    await page.locator('[data-a11y=spacing]').click();
    await page.locator('[data-a11y=contrast]').click();
    await page.locator('[data-a11y=cursor]').click();
    await page.locator('[data-a11y=guide]').click();
    // Another page: everything still on, before any script of ours runs late.
    await page.goto(`${origin}/article/${site.longest.id}`);
    const state = await page.evaluate(() => ({
      text: document.documentElement.dataset.text,
      spacing: document.documentElement.dataset.spacing,
      classes: document.documentElement.className,
      lineHeight:
        parseFloat(getComputedStyle(document.body).lineHeight) /
        parseFloat(getComputedStyle(document.body).fontSize),
      bg: getComputedStyle(document.body).backgroundColor,
      color: getComputedStyle(document.querySelector('.article-body p')!).color,
      cursor: getComputedStyle(document.querySelector('.article-body p')!).cursor,
      pressed: document.querySelector('[data-a11y=contrast]')!.getAttribute('aria-pressed'),
      shown: document.querySelector('[data-a11y-show=text]')!.textContent,
    }));
    expect(state.text).toBe('2');
    expect(state.spacing).toBe('1');
    expect(state.classes).toContain('a11y-contrast');
    expect(state.classes).toContain('a11y-cursor');
    expect(state.classes).toContain('a11y-guide');
    expect(state.classes).toContain('a11y-open');
    expect(state.lineHeight).toBeGreaterThanOrEqual(2);
    expect(state.bg).toBe('rgb(0, 0, 0)');
    expect(state.color).toBe('rgb(255, 255, 255)');
    expect(state.cursor).toContain('/assets/cursor.svg');
    expect(state.pressed).toBe('true');
    expect(state.shown).toBe('字号 125%');
    expect(await bodySize()).toBeCloseTo(before * 1.25, 0);
    // The reading guide follows the pointer.
    await page.mouse.move(200, 333);
    const guide = await page.locator('.reading-guide').boundingBox();
    expect(guide?.y).toBeGreaterThan(330);
    expect(guide?.y).toBeLessThan(345);
    // Reset: back to the defaults, on this page and the next.
    await page.locator('[data-a11y=reset]').click();
    await page.goto(`${origin}/`);
    const reset = await page.evaluate(() => ({
      text: document.documentElement.dataset.text ?? null,
      classes: document.documentElement.className,
    }));
    expect(reset.text).toBeNull();
    expect(reset.classes).not.toMatch(/a11y-(contrast|cursor|guide)/);
    await context.close();
  }, 60_000);
});
