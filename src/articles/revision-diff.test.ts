import { describe, expect, it } from 'vitest';
import { diffLines } from './revision-diff.js';

describe('diffLines', () => {
  it.each([
    ['same text', 'a\n\nb', 'a\n\nb', [{ op: 'same', lines: ['a', 'b'] }]],
    [
      'a changed paragraph',
      '一\n\n二\n\n三',
      '一\n\n二改\n\n三',
      [
        { op: 'same', lines: ['一'] },
        { op: 'del', lines: ['二'] },
        { op: 'ins', lines: ['二改'] },
        { op: 'same', lines: ['三'] },
      ],
    ],
    [
      'an insertion and a deletion',
      'a\nb\nc',
      'x\na\nc',
      [
        { op: 'ins', lines: ['x'] },
        { op: 'same', lines: ['a'] },
        { op: 'del', lines: ['b'] },
        { op: 'same', lines: ['c'] },
      ],
    ],
    ['from nothing', '', 'a\nb', [{ op: 'ins', lines: ['a', 'b'] }]],
    [
      'Windows line ends and blank lines do not count',
      'a\r\n\r\nb',
      'a\n\n\nb',
      [{ op: 'same', lines: ['a', 'b'] }],
    ],
  ])('%s', (_name, before, after, want) => {
    expect(diffLines(before, after)).toEqual(want);
  });

  it('falls back to delete-then-insert for huge changed middles, keeping every line', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `旧${i}`).join('\n');
    const after = Array.from({ length: 3000 }, (_, i) => `新${i}`).join('\n');
    const parts = diffLines(before, after);
    expect(parts.map((p) => [p.op, p.lines.length])).toEqual([
      ['del', 3000],
      ['ins', 3000],
    ]);
  });
});
