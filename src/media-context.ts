/** The media store the configuration asks for (used by the server and by the CLI's seed command). */
import type { Config } from './config.js';
import { DiskMediaStore, S3MediaStore, type MediaStore } from './media/index.js';

/** Uploads go to S3-compatible storage when configured, else under the uploads directory. */
export function mediaStoreFor(config: Config): MediaStore {
  return config.s3
    ? new S3MediaStore({
        ...config.s3,
        ...(config.s3.endpoint ? { endpoint: config.s3.endpoint } : { endpoint: undefined }),
      })
    : new DiskMediaStore(config.uploadsDir);
}
