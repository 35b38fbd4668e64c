import QRCode from 'qrcode';

/** Article URLs are few and immutable; remembering their QR codes costs ~2 KB each. */
const QR_CACHE_MAX_ENTRIES = 2000;
const cache = new Map<string, string>();

/**
 * A QR code as inline SVG, rendered on the server (no JavaScript, no
 * third-party image service). Error correction M survives a phone screen's glare.
 */
export async function qrSvg(text: string, label: string): Promise<string> {
  const key = `${label}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const raw = await QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const escapedLabel = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const svg = raw
    .trim()
    .replace(
      '<svg ',
      `<svg role="img" aria-label="${escapedLabel}" width="160" height="160" class="qr" `,
    );
  if (cache.size >= QR_CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, svg);
  return svg;
}
