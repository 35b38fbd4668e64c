/**
 * Draws the demo's figures (demo/figures/*.webp and manifest.json): run once
 * with `npx tsx scripts/make-demo-figures.ts` when the corpus or the selection
 * changes; the output is committed. Picks the week's most-read demo articles
 * (by the demo engagement model) and the newest ones, so the portal's lead,
 * hot list and latest list show pictures.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { demoAppeal } from '../src/cli/demo-engagement.js';
import {
  DEMO_FIGURES_DIR,
  figureSvg,
  topBigrams,
  type DemoFigure,
} from '../src/cli/demo-figures.js';
import { DEMO_CORPUS_URL, demoAgeMs } from '../src/cli/seed.js';

const WEEK_MS = 7 * 86_400_000;
const MOST_READ = 16;
const NEWEST = 8;
const HUES: Record<string, number> = {
  娱乐: 330,
  艺术: 280,
  财经: 30,
  综合: 210,
  体育: 140,
  旅游: 180,
  科技: 240,
  时尚: 300,
  汽车: 0,
};

interface Line {
  id: string;
  title: string;
  body: string;
  channel: string;
}

const lines = readFileSync(DEMO_CORPUS_URL, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Line);
const recent = lines.filter((l) => demoAgeMs(l.id) < WEEK_MS && topBigrams(l.body, 6).length >= 4);
const mostRead = [...recent]
  .sort((a, b) => demoAppeal(b.id) - demoAppeal(a.id))
  .slice(0, MOST_READ);
const newest = recent
  .filter((l) => !mostRead.includes(l))
  .sort((a, b) => demoAgeMs(a.id) - demoAgeMs(b.id))
  .slice(0, NEWEST);

rmSync(DEMO_FIGURES_DIR, { recursive: true, force: true });
mkdirSync(DEMO_FIGURES_DIR, { recursive: true });
const manifest: DemoFigure[] = [];
let total = 0;
for (const line of [...mostRead, ...newest]) {
  const words = topBigrams(line.body, 6);
  const svg = figureSvg(line.title, words, HUES[line.channel] ?? 210);
  const webp = await sharp(Buffer.from(svg)).webp({ quality: 72 }).toBuffer();
  const file = `${line.id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}.webp`;
  writeFileSync(new URL(file, DEMO_FIGURES_DIR), webp);
  total += webp.length;
  const list = words.map((w) => `“${w.word}”${w.count} 次`).join('、');
  manifest.push({
    id: line.id,
    file,
    alt: `条形图：《${line.title}》正文中出现最多的双字词：${list}`,
    caption: `图：本文正文中出现次数最多的双字词（Byline 演示数据，按正文自动统计绘制）`,
  });
}
writeFileSync(new URL('manifest.json', DEMO_FIGURES_DIR), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${manifest.length} figures, ${Math.round(total / 1024)} KB`);
