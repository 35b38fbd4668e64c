import path from 'node:path';
import type { Config } from '../config.js';
import { openPgliteInWorker, openPostgres, type Database, type OpenOptions } from './client.js';
import { acquireDataDirLock } from './lock.js';

/** The embedded database lives in this sub-directory of BYLINE_DATA_DIR (uploads go beside it). */
const PGLITE_SUBDIR = 'pglite';

/**
 * Opens the configured database. For the embedded one, the data-dir lock is
 * taken first and released on close, so a second process refuses at once.
 */
export async function openConfiguredDatabase(
  config: Config,
  options: OpenOptions = {},
): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, options);
  const lock = acquireDataDirLock(config.dataDir);
  try {
    const database = await openPgliteInWorker(path.join(config.dataDir, PGLITE_SUBDIR), options);
    return {
      ...database,
      close: async () => {
        try {
          await database.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}
