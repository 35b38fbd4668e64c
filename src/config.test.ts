import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runByline } from '../test/cli.js';
import { CONFIG_KEYS, ConfigError, loadConfig } from './config.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'byline-config-'));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  return [];
}

describe('config', () => {
  it('has working defaults', () => {
    const dir = tmp();
    const config = loadConfig({ BYLINE_DATA_DIR: dir });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: undefined,
      demo: true,
      dataDir: dir,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('accepts PostgreSQL URLs and flags', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u@db:5432/x',
      PORT: '8080',
      BYLINE_DEMO: '0',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgresql://u@db:5432/x',
      port: 8080,
      demo: false,
    });
  });

  it('lists every problem at once', () => {
    const file = path.join(tmp(), 'a-file');
    writeFileSync(file, 'x');
    const problems = problemsOf({
      PORT: '70000',
      BYLINE_DATA_DIR: path.join(file, 'data'),
      BYLINE_DEMO: 'maybe',
      BYLINE_ADMIN_EMAIL: 'admin@example.com',
    });
    expect(problems.some((p) => p.startsWith('PORT'))).toBe(true);
    expect(
      problems.some((p) => p.startsWith('BYLINE_DATA_DIR') && p.includes('not a directory')),
    ).toBe(true);
    expect(problems.some((p) => p.startsWith('BYLINE_DEMO'))).toBe(true);
    expect(problems.some((p) => p.includes('BYLINE_ADMIN_PASSWORD'))).toBe(true);
    expect(problemsOf({ DATABASE_URL: 'mysql://root@localhost/x', PORT: '-1' })).toEqual([
      expect.stringMatching(/^PORT/),
      expect.stringMatching(/^DATABASE_URL/),
    ]);
  });

  it('makes the CLI exit non-zero before writing anything', async () => {
    const dataDir = path.join(tmp(), 'never-created');
    const result = await runByline(['start'], {
      PORT: 'abc',
      DATABASE_URL: 'sqlite:///tmp/x.db',
      BYLINE_DATA_DIR: dataDir,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('DATABASE_URL must start with postgres://');
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('README', () => {
  it('documents every configuration key', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const key of CONFIG_KEYS) expect(readme, key).toContain(`\`${key}\``);
  });
});
