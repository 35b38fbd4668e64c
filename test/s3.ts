/**
 * An S3-compatible server for tests (s3rver, in this process, on a free port,
 * files in a temporary directory), with one bucket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from '../src/media/index.js';

export async function startS3(bucket = 'byline-media'): Promise<{
  settings: S3Settings;
  endpoint: string;
  stop(): Promise<void>;
}> {
  const directory = mkdtempSync(path.join(tmpdir(), 'byline-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    settings: {
      bucket,
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      // s3rver's fixed test credentials.
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    },
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
