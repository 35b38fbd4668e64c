/**
 * Debian's varnishd for tests: the shipped VCL (deploy/varnish/byline.vcl)
 * with its backend pointed at a test server, on a free port, in a temporary
 * work directory; stopped with the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const VARNISHD = ['/usr/sbin/varnishd', '/usr/bin/varnishd'].find((p) => existsSync(p));
if (!VARNISHD && process.env.CI === 'true')
  throw new Error('CI=true but varnishd is not installed');
if (!VARNISHD) console.warn('[byline] CDN tests skipped: varnishd is not installed (apt varnish)');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts varnishd; with `waitForBackend` (the default), resolves once its
 * health probe has found the backend up, else as soon as it listens.
 */
export async function startVarnish(
  backendPort: number,
  options: { waitForBackend?: boolean } = {},
): Promise<{ url: string; waitForBackend(): Promise<void>; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'byline-varnish-'));
  const vcl = readFileSync(
    new URL('../deploy/varnish/byline.vcl', import.meta.url),
    'utf8',
  ).replace('.port = "3000";', `.port = "${backendPort}";`);
  writeFileSync(path.join(dir, 'byline.vcl'), vcl);
  const port = await freePort();
  const child: ChildProcess = spawn(
    VARNISHD!,
    [
      '-F',
      // As root (CI), no privilege separation: there is no varnish user to drop to in a container.
      ...(process.getuid?.() === 0 ? ['-j', 'none'] : []),
      '-a',
      `127.0.0.1:${port}`,
      '-f',
      path.join(dir, 'byline.vcl'),
      '-n',
      path.join(dir, 'work'),
      '-s',
      'malloc,32m',
      '-T',
      '127.0.0.1:0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (b) => (output += String(b)));
  child.stderr?.on('data', (b) => (output += String(b)));
  const url = `http://127.0.0.1:${port}`;
  /** Polls until varnishd answers (any answer), or until it answers /healthz from the backend. */
  const poll = async (healthy: boolean) => {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`varnishd exited: ${output}`);
      try {
        const res = await fetch(`${url}/healthz`);
        if (!healthy || res.status < 500) return;
      } catch {
        // not listening yet
      }
      if (i > 300)
        throw new Error(`varnishd did not ${healthy ? 'reach its backend' : 'start'}: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await poll(options.waitForBackend ?? true);
  return {
    url,
    waitForBackend: () => poll(true),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
