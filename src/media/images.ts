/**
 * Image uploads: the type is read from the bytes (never the file name), then
 * re-encoded with sharp — auto-rotated, metadata (EXIF, GPS) stripped — into
 * WebP variants for `srcset`, stored under the uploads directory.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import sharp from 'sharp';
import type { Queryable } from '../db/client.js';
import { images } from './schema.js';
import type { MediaStore } from './storage.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { Semaphore } from '../shared/semaphore.js';

/** Default upload limit (10 MB); larger uploads get 413. */
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
/** Variant widths: phone, tablet/article column at 2×, wide screens. */
export const IMAGE_WIDTHS = [480, 960, 1600] as const;
/** Avatars: square, for 32–128 CSS px at 1× and 2×. */
export const AVATAR_WIDTHS = [64, 128, 256] as const;
/** Smaller than this, an avatar is a blur at 128 px. */
export const AVATAR_MIN_SIDE = 64;
/** WebP quality 80: visually lossless for photos at a third of JPEG's size. */
const WEBP_QUALITY = 80;
/**
 * Pixels we decode at most (all frames of an animation counted), checked from
 * the header before any decoding: a decode costs ~4 bytes a pixel and more
 * in the resize pipeline, so a 25 KB 6000×6000 GIF would cost ~470 MB.
 * 25 megapixels is a 6000×4000 camera photo; phones default to 12.
 */
export const IMAGE_MAX_PIXELS = 25_000_000;
/** Images decoded at once by one process when the caller gives no slots (the server gives its own). */
export const IMAGE_DECODE_CONCURRENCY = 2;

/** What the renderer knows about an uploaded image (for width/height and srcset). */
export interface ImageInfo {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly variants: readonly number[];
}

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';

/** Magic bytes → type; undefined for anything else (SVG, HTML, executables…). */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  const at = (i: number, ...b: number[]) => b.every((v, k) => bytes[i + k] === v);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x47, 0x49, 0x46, 0x38) && (at(4, 0x37, 0x61) || at(4, 0x39, 0x61))) return 'image/gif';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return undefined;
}

export interface StoredImage extends ImageInfo {
  readonly url: string;
  readonly mimeType: ImageType;
  readonly bytes: number;
}

function tooManyPixels(): AppError {
  return new AppError('VALIDATION_FAILED', '图片尺寸过大', {
    details: [
      {
        path: 'image',
        message: `图片尺寸过大：最多 ${IMAGE_MAX_PIXELS / 1_000_000} 百万像素（如 6000×4000），请缩小后再上传`,
      },
    ],
  });
}

/**
 * Stores an upload. `slots` bounds how many images this process decodes at
 * once (the server passes one Semaphore for all its requests).
 */
export async function storeImage(
  db: Queryable,
  clock: Clock,
  input: {
    ownerId: string;
    bytes: Buffer;
    store: MediaStore;
    alt?: string;
    caption?: string;
    /** An avatar: cropped square around what draws the eye (sharp's attention strategy). */
    square?: boolean;
  },
  slots: Semaphore = new Semaphore(IMAGE_DECODE_CONCURRENCY),
): Promise<StoredImage> {
  if (input.bytes.length > IMAGE_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  const type = sniffImageType(input.bytes);
  if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只支持 JPEG、PNG、WebP 或 GIF 图片');
  const id = randomUUID();
  let meta: sharp.Metadata;
  try {
    // Only the header is read here; nothing is decoded yet.
    meta = await sharp(input.bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '图片文件已损坏或无法读取');
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > IMAGE_MAX_PIXELS) throw tooManyPixels();
  // EXIF orientations 5–8 swap width and height once rotated.
  const swap = (meta.orientation ?? 1) >= 5;
  const sourceWidth = (swap ? meta.height : meta.width) ?? 0;
  const sourceHeight = (swap ? meta.width : meta.height) ?? 0;
  if (sourceWidth === 0 || sourceHeight === 0)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '图片文件已损坏或无法读取');
  if (input.square && Math.min(sourceWidth, sourceHeight) < AVATAR_MIN_SIDE)
    throw new AppError('VALIDATION_FAILED', '头像图片太小', {
      details: [
        { path: 'image', message: `头像图片至少 ${AVATAR_MIN_SIDE}×${AVATAR_MIN_SIDE} 像素` },
      ],
    });
  // An avatar always has every size (a small upload is scaled up): pages link them by width.
  const side = Math.max(...AVATAR_WIDTHS);
  const width = input.square ? side : sourceWidth;
  const height = input.square ? side : sourceHeight;
  const variants = input.square
    ? [...AVATAR_WIDTHS]
    : [...new Set(IMAGE_WIDTHS.map((w) => Math.min(w, width)))];
  try {
    await slots.run(async () => {
      // One decode (the first frame), scaled once to the widest variant; the others come from it.
      const widest = Math.max(...variants);
      const { data, info } = await sharp(input.bytes, {
        limitInputPixels: IMAGE_MAX_PIXELS,
        animated: false,
        sequentialRead: true,
      })
        .rotate()
        .resize(
          input.square
            ? { width: widest, height: widest, fit: 'cover', position: sharp.strategy.attention }
            : { width: widest, withoutEnlargement: true },
        )
        .raw()
        .toBuffer({ resolveWithObject: true });
      const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
      for (const w of variants) {
        const webp = await sharp(data, raw)
          .resize({ width: w, withoutEnlargement: !input.square })
          .webp({ quality: WEBP_QUALITY })
          .toBuffer();
        await input.store.put(`${id}/${w}.webp`, webp, 'image/webp');
      }
    });
    await db.insert(images).values({
      id,
      ownerId: input.ownerId,
      storageKey: id,
      mimeType: type,
      width,
      height,
      bytes: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      alt: input.alt ?? '',
      caption: input.caption ?? '',
      variants,
      createdAt: clock.now(),
    });
  } catch (err) {
    await input.store.removeAll(id).catch(() => {});
    if (err instanceof AppError) throw err;
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '图片文件已损坏或无法读取', { cause: err });
  }
  return {
    id,
    url: `/media/${id}/${variants.at(-1)}.webp`,
    width,
    height,
    variants,
    mimeType: type,
    bytes: input.bytes.length,
  };
}

export async function findImages(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, ImageInfo & { ownerId: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: images.id,
      width: images.width,
      height: images.height,
      variants: images.variants,
      ownerId: images.ownerId,
    })
    .from(images)
    .where(inArray(images.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function getImageOrThrow(db: Queryable, id: string) {
  const [row] = await db.select().from(images).where(eq(images.id, id));
  if (!row) throw new AppError('IMAGE_NOT_FOUND');
  return row;
}

/** Account deletion: the user's images leave the database; the caller removes their files after commit. */
export async function deleteImagesOf(tx: Queryable, ownerId: string): Promise<string[]> {
  const gone = await tx
    .delete(images)
    .where(eq(images.ownerId, ownerId))
    .returning({ id: images.id });
  return gone.map((g) => g.id);
}

/** Whether an image is an avatar (square, every avatar size) uploaded by this user. */
export async function isAvatarImageOf(
  db: Queryable,
  id: string,
  ownerId: string,
): Promise<boolean> {
  const [row] = await db
    .select({
      ownerId: images.ownerId,
      width: images.width,
      height: images.height,
      variants: images.variants,
    })
    .from(images)
    .where(eq(images.id, id));
  return (
    row?.ownerId === ownerId &&
    row.width === row.height &&
    AVATAR_WIDTHS.every((w) => row.variants.includes(w))
  );
}
