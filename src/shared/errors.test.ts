import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, toAppError } from './errors.js';

describe('error registry', () => {
  it('gives every code a 4xx/5xx status', () => {
    for (const [code, { status }] of Object.entries(ERROR_CODES)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
    expect(new AppError('ARTICLE_GONE').status).toBe(410);
  });

  it('is documented in docs/errors.md, code by code, with the same status', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const rows = new Map(
      [...doc.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [m[1], Number(m[2])]),
    );
    expect([...rows.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, { status }] of Object.entries(ERROR_CODES))
      expect(rows.get(code), code).toBe(status);
  });
});

describe('toAppError', () => {
  it('maps framework errors by status and hides unknown errors behind INTERNAL', () => {
    const framework = (statusCode: number) => Object.assign(new Error('x'), { statusCode });
    expect(toAppError(framework(413)).code).toBe('PAYLOAD_TOO_LARGE');
    expect(toAppError(framework(415)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(toAppError(framework(400)).code).toBe('BAD_REQUEST');
    expect(toAppError(framework(404)).code).toBe('NOT_FOUND');
    const internal = toAppError(new Error('secret detail'));
    expect(internal.code).toBe('INTERNAL');
    expect(internal.message).not.toContain('secret');
    const own = new AppError('HANDLE_TAKEN');
    expect(toAppError(own)).toBe(own);
  });
});
