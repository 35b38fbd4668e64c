import path from 'node:path';
import type { Config } from '../config.js';
import { openPgliteInWorker, openPostgres, type Database, type OpenOptions } from './client.js';
import { acquireDataDirLock } from './lock.js';
import { connectAdminSocket } from './admin-socket.js';
import { isAppError } from '../shared/errors.js';

/** The embedded database lives in this sub-directory of BYLINE_DATA_DIR (uploads go beside it). */
const PGLITE_SUBDIR = 'pglite';

/**
 * Opens the configured database. For the embedded one, the data-dir lock is
 * taken first and released on close, so a second process refuses at once.
 */
export async function openConfiguredDatabase(
  config: Config,
  options: OpenOptions & {
    /**
     * The CLI: when a running server holds the embedded database, work through
     * it (its admin socket) instead of refusing; `onVia` is told so.
     */
    viaServer?: { onVia(message: string): void };
  } = {},
): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, options);
  let lock;
  try {
    lock = acquireDataDirLock(config.dataDir);
  } catch (err) {
    if (!options.viaServer || !isAppError(err) || err.code !== 'DATA_DIR_LOCKED') throw err;
    const remote = await connectAdminSocket(config.dataDir);
    if (!remote) throw err;
    options.viaServer.onVia(
      `数据目录 ${config.dataDir} 正由运行中的服务器使用：本命令通过它的管理套接字执行，改动立即对网站生效。`,
    );
    return remote;
  }
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
