import QRCode from 'qrcode';

/** Article URLs are few and immutable; remembering their QR codes costs ~2 KB each. */
const QR_CACHE_MAX_ENTRIES = 2000;

/**
 * QR codes as inline SVG, rendered on the server (no JavaScript, no
 * third-party image service). Error correction M survives a phone screen's
 * glare. One per server (buildServer makes it), with its own cache.
 */
export class QrCodes {
  readonly #cache = new Map<string, string>();

  async svg(text: string, label: string): Promise<string> {
    const key = `${label}\u0000${text}`;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    const raw = await QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    const escapedLabel = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    const svg = raw
      .trim()
      .replace(
        '<svg ',
        `<svg role="img" aria-label="${escapedLabel}" width="160" height="160" class="qr" `,
      );
    if (this.#cache.size >= QR_CACHE_MAX_ENTRIES)
      this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(key, svg);
    return svg;
  }
}
