/**
 * An exclusive lock on the embedded database's data directory. PGlite has no
 * multi-process protection: two processes on one data dir silently lose data.
 *
 * The lock is a file created with O_EXCL holding `pid` and a random nonce. A
 * lock whose process is gone is stale and taken over (after a crash). After
 * taking it, we read it back and check our nonce, so two starters racing for
 * a stale lock cannot both win.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/errors.js';

export const LOCK_FILE_NAME = 'byline.lock';

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

interface LockContent {
  pid: number;
  nonce: string;
  startedAt: string;
}

function readLock(file: string): LockContent | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockContent;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const mine: LockContent = {
    pid: process.pid,
    nonce: randomBytes(12).toString('hex'),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      if (readLock(file)?.nonce !== mine.nonce) continue;
      let released = false;
      return {
        path: file,
        release() {
          if (released) return;
          released = true;
          if (readLock(file)?.nonce === mine.nonce) rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(file);
      if (holder && isAlive(holder.pid)) {
        throw new AppError(
          'DATA_DIR_LOCKED',
          `数据目录 ${dataDir} 正被另一个署名进程使用（pid ${holder.pid}，启动于 ${holder.startedAt}）。` +
            `请先停止它，或换一个 BYLINE_DATA_DIR：两个进程同时使用一个嵌入式数据库会丢失数据。`,
        );
      }
      // CASE: stale lock (crashed process, or unreadable): move it aside atomically, then retry.
      if (readLock(file)?.nonce !== holder?.nonce) continue;
      try {
        renameSync(file, `${file}.stale-${process.pid}`);
        rmSync(`${file}.stale-${process.pid}`, { force: true });
      } catch {
        // Another starter moved it first; retry the exclusive create.
      }
    }
  }
  throw new AppError('DATA_DIR_LOCKED', `无法锁定数据目录 ${dataDir}：另一个进程反复抢占`);
}
