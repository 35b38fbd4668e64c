/** Every page type validates with the W3C Nu HTML Checker (vnu.jar on the machine's Java): 0 errors. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSite } from './site-fixture.js';

const java = spawnSync('java', ['-version']);
const javaMissing = java.error !== undefined || java.status !== 0;
if (javaMissing && process.env.CI === 'true')
  throw new Error('CI=true but Java is missing: the HTML validity test cannot run');
if (javaMissing)
  console.warn(
    '[byline] HTML validity test skipped: no Java runtime (apt-get install default-jre-headless)',
  );

const vnuJar = createRequire(import.meta.url)('vnu-jar') as string;

interface VnuMessage {
  type: string;
  url: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

describe.skipIf(javaMissing)('HTML validity (Nu HTML Checker)', () => {
  let site: Awaited<ReturnType<typeof demoSite>>;
  beforeAll(async () => {
    site = await demoSite();
  });
  afterAll(async () => site?.close());

  it('reports 0 errors on every page type, in both scripts and in care mode', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'byline-vnu-'));
    const files: string[] = [];
    const cookie = `byline_session=${await site.editorSession()}`;
    // Public pages as anyone sees them, then a signed-in reader's own pages.
    const pages = [
      ...site.pageUrls.map((url) => ({ url, headers: {} })),
      ...site.readerUrls.map((url) => ({ url, headers: { cookie } })),
    ];
    const urls = pages.map((p) => p.url);
    for (const [i, { url, headers }] of pages.entries()) {
      const res = await site.app.inject({ url, headers });
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      const file = path.join(dir, `${i}.html`);
      writeFileSync(file, res.body);
      files.push(file);
    }
    const run = spawnSync(
      'java',
      ['-Xss2m', '-jar', vnuJar, '--format', 'json', '--errors-only', ...files],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const messages = (
      JSON.parse(run.stderr || run.stdout || '{"messages":[]}') as { messages: VnuMessage[] }
    ).messages;
    const errors = messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map((m) => {
        const index = Number(path.basename(m.url ?? '', '.html'));
        return `${urls[index] ?? m.url}:${m.lastLine ?? '?'}: ${m.message} ${m.extract ?? ''}`;
      });
    expect(errors).toEqual([]);
    expect(files).toHaveLength(pages.length);
  });
});
