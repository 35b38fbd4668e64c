import { describe, expect, it } from 'vitest';
import { locationValue, safeNext } from './redirect.js';
import { isSafeHeaderValue } from './request-parts.js';

describe('safeNext', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeNext('/studio')).toBe('/studio');
    expect(safeNext('/article/abc?x=1#c')).toBe('/article/abc?x=1#c');
    expect(safeNext('/zh-hant/following')).toBe('/zh-hant/following');
  });

  it.each([
    ['//evil.example/', 'protocol-relative'],
    ['/\\evil.example/', 'backslash'],
    ['\\\\evil.example', 'two backslashes'],
    ['/\t/evil.example/', 'tab stripped by URL parsers'],
    ['/%09/evil.example/', 'encoded tab'],
    ['/\n/evil.example/', 'newline'],
    ['/%0a/evil.example', 'encoded newline'],
    ['/%2F/evil.example', 'encoded slash'],
    ['/%252F/evil.example', 'double-encoded slash'],
    ['/%5Cevil.example', 'encoded backslash'],
    ['/ /evil.example', 'space between slashes'],
    ['/\u3000/evil.example', 'ideographic space between slashes'],
    ['https://evil.example/', 'absolute URL'],
    ['evil.example', 'not a path'],
    ['javascript:alert(1)', 'script URL'],
    ['/%E0%A4%A', 'broken encoding'],
    ['', 'empty'],
    [`/${'a'.repeat(600)}`, 'too long'],
  ])('refuses %j (%s)', (next) => {
    expect(safeNext(next)).toBe('/');
  });

  it('refuses what is not a string', () => {
    for (const v of [undefined, null, 1, ['/x'], { a: 1 }]) expect(safeNext(v)).toBe('/');
  });

  it('returns header-safe ASCII for paths with Chinese or U+3000 in them', () => {
    const next = safeNext('/search?q=网易\u3000号');
    expect(next).toBe('/search?q=%E7%BD%91%E6%98%93%E3%80%80%E5%8F%B7');
    expect(isSafeHeaderValue(next)).toBe(true);
    expect(locationValue('/a b\u3000c')).toBe('/a%20b%E3%80%80c');
  });
});
