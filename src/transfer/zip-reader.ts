/**
 * Reads a zip file entry by entry from its central directory (the list at
 * the end of the file that gives each entry's offset and compressed size),
 * streaming each entry's bytes from disk and inflating them as they come.
 * A streaming reader that scans the file from the front cannot know where an
 * entry written with a data descriptor ends, and may stop early where the
 * compressed bytes happen to look like a signature; this one never guesses.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Inflate } from 'fflate';

/** The end-of-central-directory record is at most this far from the end (22 bytes + a comment). */
const EOCD_SEARCH = 22 + 0xffff;

export interface ZipEntry {
  readonly name: string;
  /** The entry's uncompressed bytes, in chunks. */
  chunks(): AsyncGenerator<Uint8Array>;
}

export async function* zipEntries(path: string): AsyncGenerator<ZipEntry> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, EOCD_SEARCH);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    if (eocd < 0) throw new Error('不是 zip 文件（找不到中央目录）');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const cd = Buffer.alloc(cdSize);
    await file.read(cd, 0, cdSize, cdOffset);
    const header = Buffer.alloc(30);
    for (let at = 0, n = 0; n < count; n++) {
      if (cd.readUInt32LE(at) !== 0x02014b50) throw new Error('zip 文件的中央目录已损坏');
      const method = cd.readUInt16LE(at + 10);
      const compressed = cd.readUInt32LE(at + 20);
      const nameLength = cd.readUInt16LE(at + 28);
      const extraLength = cd.readUInt16LE(at + 30);
      const commentLength = cd.readUInt16LE(at + 32);
      const local = cd.readUInt32LE(at + 42);
      const name = cd.toString('utf8', at + 46, at + 46 + nameLength);
      at += 46 + nameLength + extraLength + commentLength;
      await file.read(header, 0, 30, local);
      if (header.readUInt32LE(0) !== 0x04034b50) throw new Error(`zip 文件已损坏（${name}）`);
      const start = local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      if (method !== 0 && method !== 8) throw new Error(`不支持的压缩方式 ${method}（${name}）`);
      yield { name, chunks: () => entryChunks(path, start, compressed, method === 8) };
    }
  } finally {
    await file.close();
  }
}

async function* entryChunks(
  path: string,
  start: number,
  length: number,
  deflated: boolean,
): AsyncGenerator<Uint8Array> {
  if (length === 0) return;
  const stream = createReadStream(path, { start, end: start + length - 1 });
  if (!deflated) {
    for await (const chunk of stream) yield chunk as Buffer;
    return;
  }
  const out: Uint8Array[] = [];
  const inflate = new Inflate((data) => out.push(data));
  for await (const chunk of stream) {
    inflate.push(chunk as Uint8Array);
    while (out.length > 0) yield out.shift()!;
  }
  inflate.push(new Uint8Array(0), true);
  while (out.length > 0) yield out.shift()!;
}
