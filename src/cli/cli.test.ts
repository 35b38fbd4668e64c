import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runByline } from '../../test/cli.js';
import { startServer } from '../../test/server-process.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'byline-cli-'));

describe('byline CLI', () => {
  it('prints help for the program and for each command', async () => {
    const main = await runByline(['--help'], {});
    expect(main.code).toBe(0);
    for (const name of ['start', 'migrate', 'seed', 'import', 'user'])
      expect(main.stdout).toContain(name);
    const importHelp = await runByline(['import', '--help'], {});
    expect(importHelp.code).toBe(0);
    expect(importHelp.stdout).toContain('用法：byline import 文件.jsonl');
    const unknown = await runByline(['frobnicate'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有这个命令：“frobnicate”');
  }, 180_000);

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
    expect(result.stderr).toContain('第 2 行：body:');
    expect(result.stderr).toContain('第 4 行：不是有效的 JSON');
    expect(result.stdout).toContain('导入 2 篇，跳过已存在的 0 篇，失败 2 篇');
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
    expect(user.stdout).toContain('已新建管理员 admin@example.com');
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
  }, 240_000);
});

describe('byline CLI while the server runs on the embedded database', () => {
  it('changes a setting through the server; the cached portal shows it within 2 s', async () => {
    const dataDir = tmp();
    const running = await startServer({ BYLINE_DATA_DIR: dataDir, BYLINE_DEMO: '0' });
    try {
      await fetch(`${running.url}/`);
      const cached = await fetch(`${running.url}/`);
      expect(cached.headers.get('x-cache')).toBe('HIT');
      const started = Date.now();
      const set = await runByline(['settings', 'set', 'logoText', '运行中改名'], {
        BYLINE_DATA_DIR: dataDir,
      });
      expect(set.code, set.stderr).toBe(0);
      expect(set.stderr).toContain('管理套接字');
      const cliMs = Date.now() - started;
      // From the moment the command has committed (it has exited) to the change on the cached page.
      const committed = Date.now();
      let seenAfter = -1;
      while (Date.now() - started < 10_000) {
        if ((await (await fetch(`${running.url}/`)).text()).includes('运行中改名')) {
          seenAfter = Date.now() - committed;
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      console.log(
        `[cli] the CLI ran in ${cliMs} ms; its setting showed on the cached portal ${seenAfter} ms after it exited`,
      );
      expect(seenAfter).toBeGreaterThanOrEqual(0);
      expect(seenAfter).toBeLessThan(2_000);

      // A creator made from the CLI can write at once; suspending it is audited.
      const created = await runByline(
        [
          'user',
          'create',
          '--email',
          'cli.writer@example.com',
          '--password',
          'correct horse battery',
          '--role',
          'creator',
        ],
        { BYLINE_DATA_DIR: dataDir },
      );
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toContain('/author/cli-writer');
      expect((await fetch(`${running.url}/author/cli-writer`)).status).toBe(200);
      const noReason = await runByline(['user', 'suspend', 'cli.writer@example.com'], {
        BYLINE_DATA_DIR: dataDir,
      });
      expect(noReason.code).toBe(2);
      expect(noReason.stderr).toContain('--reason');
      const suspended = await runByline(
        ['user', 'suspend', 'cli.writer@example.com', '--reason', '测试停用'],
        { BYLINE_DATA_DIR: dataDir },
      );
      expect(suspended.code, suspended.stderr).toBe(0);
      const signIn = await fetch(`${running.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'cli.writer@example.com',
          password: 'correct horse battery',
        }),
      });
      expect(signIn.status).toBe(403);
      expect(((await signIn.json()) as { error: { code: string } }).error.code).toBe(
        'ACCOUNT_SUSPENDED',
      );
      // `start` still refuses: two servers on one embedded database would lose data.
      const second = await runByline(['start'], { BYLINE_DATA_DIR: dataDir, PORT: '0' });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('DATA_DIR_LOCKED');
    } finally {
      running.child.kill('SIGTERM');
      await new Promise((r) => running.child.once('exit', r));
    }
  }, 240_000);
});
