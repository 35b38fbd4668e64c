import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('route input', () => {
  it('is never cast: handlers read what their schemas parsed', () => {
    const offenders: string[] = [];
    for (const file of [...files(path.join(SRC, 'web')), ...files(path.join(SRC, 'api'))]) {
      const text = readFileSync(file, 'utf8');
      for (const [i, line] of text.split('\n').entries()) {
        if (/request\.(params|query|body|headers)\b[^;]*\bas\s+[{A-Z(]/.test(line))
          offenders.push(`${path.relative(SRC, file)}:${i + 1}: ${line.trim()}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
