/**
 * The order test files start in: the slowest first, so that on two workers
 * the run does not end with one long file alone (vitest orders by the
 * durations of earlier runs, and a clean clone in CI has none). The rest
 * follow in vitest's order. Measured seconds per file in a full run on the
 * 2-core machine; a file missing here costs a little balance, nothing else.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOW_FIRST = [
  'test/accessibility.test.ts', // axe on every page type × mode × script × width
  'test/kill9.test.ts',
  'test/start.test.ts',
  'test/related-quality.test.ts',
  'src/cli/cli.test.ts',
  'test/unicode.test.ts',
  'test/studio-browser.test.ts',
  'test/browser.test.ts',
  'test/search-quality.test.ts',
  'test/html-validity.test.ts',
  'test/fuzz.test.ts',
  'test/lighthouse.test.ts',
  'test/cluster.test.ts',
  'src/web/page-cache.test.ts',
  'test/feeds.test.ts',
  'src/web/pages.test.ts',
  'src/web/site.test.ts',
  'test/hot-list.test.ts',
  'test/hardening.test.ts',
  'src/web/app.test.ts',
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const i = SLOW_FIRST.indexOf(path.relative(process.cwd(), spec.moduleId));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    return sorted
      .map((spec, order) => ({ spec, order }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.order - b.order)
      .map(({ spec }) => spec);
  }
}
