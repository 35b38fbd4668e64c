/**
 * Streams the elements of a large XML file one at a time: `<item>…</item>`
 * and the other named elements are cut out of the text as it is read and
 * handed over whole, so a 100 MB export never sits in memory (only the
 * element being read does). CDATA sections are stepped over, so a post body
 * holding the text `</item>` does not end its element early.
 */
import { createReadStream } from 'node:fs';

export interface XmlChunk {
  readonly name: string;
  readonly xml: string;
  /** 1-based count of this element name so far, for the report. */
  readonly index: number;
}

export async function* xmlChunks(path: string, names: readonly string[]): AsyncGenerator<XmlChunk> {
  const counts = new Map<string, number>();
  let buffer = '';
  let first = true;
  // One pattern for all names: a single scan finds whichever comes first.
  const open = new RegExp(
    `<(${names.map((n) => n.replace(/[.:]/g, '\\$&')).join('|')})[\\s>]`,
    'g',
  );
  for await (const piece of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    buffer += first ? (piece as string).replace(/^\uFEFF/, '') : piece;
    first = false;
    let pos = 0;
    let keepFrom = -1;
    for (;;) {
      const found = nextElement(buffer, pos, open);
      if (!found) break;
      if (found.end < 0) {
        keepFrom = found.start; // incomplete: keep from its start, read more
        break;
      }
      const index = (counts.get(found.name) ?? 0) + 1;
      counts.set(found.name, index);
      yield { name: found.name, xml: buffer.slice(found.start, found.end), index };
      pos = found.end;
    }
    // Nothing open: keep only a tail long enough to hold a split opening tag.
    buffer =
      keepFrom >= 0 ? buffer.slice(keepFrom) : buffer.slice(Math.max(pos, buffer.length - 64));
  }
}

function nextElement(
  text: string,
  from: number,
  open: RegExp,
): { name: string; start: number; end: number } | undefined {
  open.lastIndex = from;
  const m = open.exec(text);
  if (!m) return undefined;
  const best = { name: m[1]!, start: m.index };
  const close = `</${best.name}>`;
  let at = best.start;
  for (;;) {
    const cdata = text.indexOf('<![CDATA[', at);
    const end = text.indexOf(close, at);
    if (end < 0) return { ...best, end: -1 };
    if (cdata >= 0 && cdata < end) {
      const cdataEnd = text.indexOf(']]>', cdata + 9);
      if (cdataEnd < 0) return { ...best, end: -1 };
      at = cdataEnd + 3;
      continue;
    }
    return { ...best, end: end + close.length };
  }
}
