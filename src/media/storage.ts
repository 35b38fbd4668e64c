/**
 * Where uploaded images' files live: the local disk (BYLINE_DATA_DIR/uploads,
 * the default), or an S3-compatible object store shared by every instance
 * (BYLINE_S3_*). Keys are `<image id>/<width>.webp`; a stored file never
 * changes (a new upload is a new id).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

export interface MediaFile {
  readonly body: Readable;
  readonly length: number | undefined;
}

export interface MediaStore {
  /** Writes one file under its key. */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** A file, streamed; undefined when there is none. */
  get(key: string): Promise<MediaFile | undefined>;
  /** Removes every file under a prefix (an upload that failed half-way). */
  removeAll(prefix: string): Promise<void>;
}

/** Files under a directory on this machine (one instance, or a shared file system). */
export class DiskMediaStore implements MediaStore {
  constructor(private readonly dir: string) {}

  #path(key: string): string {
    const full = path.join(this.dir, key);
    // Keys are made here (uuid/number.webp); anything escaping the directory is refused outright.
    if (!full.startsWith(this.dir + path.sep))
      throw new Error(`media key outside the store: ${key}`);
    return full;
  }

  async put(key: string, body: Buffer): Promise<void> {
    const file = this.#path(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
  }

  async get(key: string): Promise<MediaFile | undefined> {
    try {
      const bytes = await readFile(this.#path(key));
      return { body: Readable.from(bytes), length: bytes.length };
    } catch {
      return undefined;
    }
  }

  async removeAll(prefix: string): Promise<void> {
    await rm(this.#path(prefix), { recursive: true, force: true });
  }
}

export interface S3Settings {
  readonly bucket: string;
  /** An S3-compatible service's URL (MinIO, OSS, COS …); unset for AWS itself. */
  readonly endpoint?: string;
  readonly region: string;
  /** Bucket in the path (`endpoint/bucket/key`), as most S3-compatible services want. */
  readonly forcePathStyle: boolean;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** Objects in an S3 bucket, shared by every instance. */
export class S3MediaStore implements MediaStore {
  readonly #client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.#client = new S3Client({
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.credentials ? { credentials: { ...settings.credentials } } : {}),
    });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        // Served with the same lifetime as from Byline itself (a new upload is a new key).
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }

  async get(key: string): Promise<MediaFile | undefined> {
    try {
      const out = await this.#client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }),
      );
      if (!out.Body) return undefined;
      return { body: out.Body as Readable, length: out.ContentLength };
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (err as { name?: string }).name === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  async removeAll(prefix: string): Promise<void> {
    const listed = await this.#client.send(
      new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: `${prefix}/` }),
    );
    const keys = (listed.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
    if (keys.length === 0) return;
    await this.#client.send(
      new DeleteObjectsCommand({ Bucket: this.settings.bucket, Delete: { Objects: keys } }),
    );
  }
}
