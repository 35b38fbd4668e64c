/**
 * The demo's figures: for some demo articles, a bar chart of the two-character
 * words their text uses most, drawn here from the article itself (so the
 * caption can say exactly what it shows) and shipped as small WebP files in
 * demo/figures/ (scripts/make-demo-figures.ts draws them; the seed stores them
 * through the ordinary image pipeline and puts them at the top of the body).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const DEMO_FIGURES_DIR = new URL('../../demo/figures/', import.meta.url);

export const DemoFigureSchema = z.object({
  /** The corpus line (article) the figure belongs to. */
  id: z.string(),
  file: z.string().regex(/^[a-z0-9-]+\.webp$/),
  alt: z.string(),
  caption: z.string(),
});
export type DemoFigure = z.infer<typeof DemoFigureSchema>;

export function loadDemoFigures(): DemoFigure[] {
  const manifest = new URL('manifest.json', DEMO_FIGURES_DIR);
  return z.array(DemoFigureSchema).parse(JSON.parse(readFileSync(manifest, 'utf8')));
}

export function readDemoFigure(figure: DemoFigure): Buffer {
  return readFileSync(new URL(figure.file, DEMO_FIGURES_DIR));
}

/** Characters that make a two-character sequence a poor "word" (function words, particles). */
const STOP_CHARS =
  '的一是在了和与为于以及等中其这有也由被对从而之个上下不或并将把所但就都还该此即已向至如后时年月日他她它们们来到说第';

/** The most frequent two-Han-character sequences of a text, most frequent first. */
export function topBigrams(text: string, n: number): { word: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const run of text.match(/\p{Script=Han}{2,}/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      const [a, b] = [chars[i]!, chars[i + 1]!];
      if (STOP_CHARS.includes(a) || STOP_CHARS.includes(b)) continue;
      const word = a + b;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([, c]) => c >= 2)
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, n)
    .map(([word, count]) => ({ word, count }));
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The chart as SVG (640 × 360): a title, one bar per word, a source line. */
export function figureSvg(
  title: string,
  words: readonly { word: string; count: number }[],
  hue: number,
): string {
  const W = 640;
  const H = 360;
  const max = Math.max(...words.map((w) => w.count), 1);
  const top = 92;
  const row = Math.min(42, (H - top - 40) / Math.max(words.length, 1));
  const shortTitle = [...title].length > 16 ? `${[...title].slice(0, 15).join('')}…` : title;
  const bars = words
    .map((w, i) => {
      const y = top + i * row;
      const len = Math.max(8, Math.round((w.count / max) * 400));
      return `<text x="120" y="${y + row * 0.62}" text-anchor="end" font-size="20" fill="#222">${escapeXml(w.word)}</text>
<rect x="134" y="${y + 6}" width="${len}" height="${row - 14}" rx="4" fill="hsl(${hue},62%,${42 + (i % 2) * 6}%)"/>
<text x="${142 + len}" y="${y + row * 0.62}" font-size="18" fill="#333">${w.count}</text>`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},45%,96%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},40%,88%)"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#g)"/>
<rect width="8" height="${H}" fill="hsl(${hue},62%,40%)"/>
<text x="32" y="46" font-size="26" font-weight="700" fill="#1a1a1a" font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif">${escapeXml(shortTitle)}</text>
<text x="32" y="76" font-size="16" fill="#444" font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif">正文高频双字词（出现次数）</text>
<g font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif">${bars}</g>
<text x="${W - 20}" y="${H - 14}" text-anchor="end" font-size="13" fill="#555" font-family="Noto Sans CJK SC, sans-serif">Byline 演示 · 按正文自动统计</text>
</svg>`;
}
