import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runByline } from '../../test/cli.js';
import { AppError } from '../shared/errors.js';
import { acquireDataDirLock, LOCK_FILE_NAME } from './lock.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'byline-lock-'));

describe('data-dir lock', () => {
  it('refuses a second holder and frees the dir on release', () => {
    const dir = tmp();
    const lock = acquireDataDirLock(dir);
    const err = (() => {
      try {
        acquireDataDirLock(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DATA_DIR_LOCKED');
    expect((err as AppError).message).toContain(`pid ${process.pid}`);
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    acquireDataDirLock(dir).release();
  });

  it('takes over a stale lock left by a crashed process', () => {
    const dir = tmp();
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    writeFileSync(
      path.join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid: dead, nonce: 'old', startedAt: '2026-01-01T00:00:00Z' }),
    );
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('makes a second byline process refuse at once with a clear message', async () => {
    const dir = tmp();
    const lock = acquireDataDirLock(dir);
    try {
      const started = Date.now();
      const result = await runByline(['start'], { BYLINE_DATA_DIR: dir, PORT: '0' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('DATA_DIR_LOCKED');
      expect(result.stderr).toContain(`正被另一个署名进程使用（pid ${process.pid}`);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(existsSync(path.join(dir, 'pglite'))).toBe(false);
    } finally {
      lock.release();
    }
  });
});
