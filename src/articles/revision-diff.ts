/**
 * Comparing two revisions: a line-based diff of their Markdown (a Chinese
 * article's paragraphs are lines), as runs of kept, deleted and inserted
 * lines. Pure; the page marks the runs with <del> and <ins>.
 */

export interface DiffPart {
  readonly op: 'same' | 'del' | 'ins';
  readonly lines: readonly string[];
}

/**
 * Largest table the exact diff fills (lines before × lines after, past the
 * common start and end): 4M cells of 4 bytes is 16 MB, ~20 ms. Beyond it the
 * changed middle is shown as deleted, then inserted — still correct, less fine.
 */
const MAX_DIFF_CELLS = 4_000_000;

const linesOf = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '');

export function diffLines(before: string, after: string): DiffPart[] {
  const a = linesOf(before);
  const b = linesOf(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: { op: DiffPart['op']; line: string }[] = a
    .slice(0, start)
    .map((line) => ({ op: 'same' as const, line }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_DIFF_CELLS) {
    for (const line of midA) ops.push({ op: 'del', line });
    for (const line of midB) ops.push({ op: 'ins', line });
  } else ops.push(...lcsOps(midA, midB));
  for (const line of a.slice(endA)) ops.push({ op: 'same', line });
  // Runs of the same op become one part.
  const parts: { op: DiffPart['op']; lines: string[] }[] = [];
  for (const { op, line } of ops) {
    const last = parts.at(-1);
    if (last?.op === op) last.lines.push(line);
    else parts.push({ op, lines: [line] });
  }
  return parts;
}

/** The classic longest-common-subsequence walk; deletions before insertions at each change. */
function lcsOps(a: readonly string[], b: readonly string[]) {
  const n = a.length;
  const m = b.length;
  // table[i][j]: LCS length of a[i..] and b[j..], in one flat array.
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[at(i, j)] =
        a[i] === b[j]
          ? table[at(i + 1, j + 1)]! + 1
          : Math.max(table[at(i + 1, j)]!, table[at(i, j + 1)]!);
  const out: { op: DiffPart['op']; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', line: a[i]! });
      i++;
      j++;
    } else if (table[at(i + 1, j)]! >= table[at(i, j + 1)]!) out.push({ op: 'del', line: a[i++]! });
    else out.push({ op: 'ins', line: b[j++]! });
  }
  while (i < n) out.push({ op: 'del', line: a[i++]! });
  while (j < m) out.push({ op: 'ins', line: b[j++]! });
  return out;
}
