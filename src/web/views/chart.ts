import { escapeHtml } from '@kitajs/html';

/** Chart size in SVG units; it scales to the column with viewBox. */
const WIDTH = 640;
const HEIGHT = 180;
const PAD = { top: 12, right: 8, bottom: 24, left: 36 };

/**
 * A bar chart as inline SVG, drawn on the server (no chart library, no CDN).
 * Labels and numbers are escaped; the chart has a text title and description.
 */
export function barChartSvg(
  title: string,
  points: readonly { label: string; value: number }[],
): string {
  const max = Math.max(1, ...points.map((p) => p.value));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const step = innerW / Math.max(1, points.length);
  const bars = points
    .map((p, i) => {
      const h = (p.value / max) * innerH;
      const x = PAD.left + i * step + step * 0.15;
      const y = PAD.top + innerH - h;
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="#b3261e"><title>${escapeHtml(`${p.label}：${p.value}`)}</title></rect>`;
    })
    .join('');
  const first = points[0]?.label ?? '';
  const last = points.at(-1)?.label ?? '';
  const total = points.reduce((n, p) => n + p.value, 0);
  return (
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(`${title}，合计 ${total}，最高 ${max}`)}" xmlns="http://www.w3.org/2000/svg">` +
    `<line x1="${PAD.left}" y1="${PAD.top + innerH}" x2="${WIDTH - PAD.right}" y2="${PAD.top + innerH}" stroke="#767676"/>` +
    `<text x="${PAD.left - 4}" y="${PAD.top + 10}" text-anchor="end" font-size="11" fill="#555">${max}</text>` +
    `<text x="${PAD.left - 4}" y="${PAD.top + innerH}" text-anchor="end" font-size="11" fill="#555">0</text>` +
    bars +
    `<text x="${PAD.left}" y="${HEIGHT - 6}" font-size="11" fill="#555">${escapeHtml(first)}</text>` +
    `<text x="${WIDTH - PAD.right}" y="${HEIGHT - 6}" text-anchor="end" font-size="11" fill="#555">${escapeHtml(last)}</text>` +
    `</svg>`
  );
}
