/**
 * `byline start` as a real child process, for tests of what only a process
 * can show: a crash, a kill, a signal, memory, a database that goes away.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/byline.mjs', import.meta.url));

export interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  readonly readyMs: number;
  output(): string;
  /** The process has exited (with this code or signal). */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

export function startServer(
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<Running> {
  const began = Date.now();
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.on('exit', (code, signal) => (exit = { code, signal }));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server not ready in time:\n${out}`));
    }, options.timeoutMs ?? 150_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /已就绪：(http:\/\/[^\s（]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        child.removeListener('exit', onEarlyExit);
        resolve({
          child,
          url: m[1],
          port: Number(new URL(m[1]).port),
          readyMs: Date.now() - began,
          output: () => out,
          exited: () => exit,
        });
      }
    };
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onEarlyExit);
  });
}

/** SIGTERM and the exit code it ends with. */
export function stopServer(running: Running): Promise<number | null> {
  if (running.exited()) return Promise.resolve(running.exited()!.code);
  return new Promise((resolve) => {
    running.child.once('exit', (code) => resolve(code));
    running.child.kill('SIGTERM');
  });
}

/** SIGKILL: no shutdown, no flush — as a power cut or the OOM killer would. */
export function killServer(running: Running): Promise<void> {
  if (running.exited()) return Promise.resolve();
  return new Promise((resolve) => {
    running.child.once('exit', () => resolve());
    running.child.kill('SIGKILL');
  });
}
