/**
 * What must be true before a site says it is ready, or an import says it is
 * done: every published article is searchable and fingerprinted (a copy of
 * an imported article is caught from the first minute, not when a job gets
 * round to it). Shown with progress bars; a no-op when nothing is pending.
 */
import type { Db } from '../db/client.js';
import type { Segmenter } from '../text/index.js';
import { countUnfingerprinted, fingerprintAll } from '../originality/index.js';
import { countUnindexed, indexAll, syncDictionary } from '../search/index.js';
import { startProgress } from './progress.js';

export async function catchUpPublished(
  db: Db,
  segmenter: Segmenter,
): Promise<{ indexed: number; fingerprinted: number }> {
  await syncDictionary(db, segmenter);
  let indexed = 0;
  const unindexed = await countUnindexed(db);
  if (unindexed > 0) {
    const bar = startProgress('建立搜索索引', unindexed);
    indexed = await indexAll(db, segmenter, (n) => bar.update(n));
    bar.stop();
  }
  let fingerprinted = 0;
  const unprinted = await countUnfingerprinted(db);
  if (unprinted > 0) {
    const bar = startProgress('生成原创指纹', unprinted);
    fingerprinted = await fingerprintAll(db, (n) => bar.update(n));
    bar.stop();
  }
  return { indexed, fingerprinted };
}
