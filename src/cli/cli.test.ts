import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runByline } from '../../test/cli.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'byline-cli-'));

describe('byline CLI', () => {
  it('prints help for the program and for each command', async () => {
    const main = await runByline(['--help'], {});
    expect(main.code).toBe(0);
    for (const name of ['start', 'migrate', 'seed', 'import', 'user'])
      expect(main.stdout).toContain(name);
    const importHelp = await runByline(['import', '--help'], {});
    expect(importHelp.code).toBe(0);
    expect(importHelp.stdout).toContain('Usage: byline import FILE.jsonl');
    const unknown = await runByline(['frobnicate'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });

  it('imports a mixed file, reporting bad lines by number, then creates an admin', async () => {
    const dataDir = tmp();
    const file = path.join(tmpdir(), `mixed-${process.pid}.jsonl`);
    const good = (id: string) =>
      JSON.stringify({
        id,
        title: `好 ${id}`,
        body: '正文 ✓ 𠮷',
        channel: '体育',
        source: 'test',
        published_at: null,
      });
    writeFileSync(
      file,
      [good('g1'), '{"id":"b1","title":"缺正文","channel":"体育"}', good('g2'), 'oops', ''].join(
        '\n',
      ),
    );
    const result = await runByline(['import', file], { BYLINE_DATA_DIR: dataDir }, 120_000);
    expect(result.stderr).toContain('line 2: body:');
    expect(result.stderr).toContain('line 4: not valid JSON');
    expect(result.stdout).toContain('Imported 2, skipped 0 already present, failed 2');
    expect(result.code).toBe(1);

    const user = await runByline(
      [
        'user',
        'create',
        '--email',
        'Admin@Example.com',
        '--password',
        'correct horse battery',
        '--role',
        'admin',
      ],
      { BYLINE_DATA_DIR: dataDir },
      120_000,
    );
    expect(user.stdout).toContain('Created admin admin@example.com');
    expect(user.code).toBe(0);
    const bad = await runByline(
      ['user', 'create', '--email', 'x', '--password', 'short', '--role', 'king'],
      {
        BYLINE_DATA_DIR: dataDir,
      },
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('VALIDATION_FAILED');
    expect(bad.stderr).toContain('role');

    // Site settings: the copy policy of 原创保护 is one of them.
    const set = await runByline(['settings', 'set', 'copyPolicy', 'repost'], {
      BYLINE_DATA_DIR: dataDir,
    });
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout).copyPolicy).toBe('repost');
    const wrong = await runByline(['settings', 'set', 'copyPolicy', 'delete'], {
      BYLINE_DATA_DIR: dataDir,
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('VALIDATION_FAILED');
  });
});
