export { findCopies, type OriginalityMatch } from './check.js';
export { SIMHASH_MAX_DISTANCE } from './keys.js';
export { listCopiesAmong, recordFingerprint, recordMatches } from './record.js';
export {
  countUnfingerprinted,
  FINGERPRINT_BATCH,
  FINGERPRINT_CONSUMER,
  fingerprintAll,
  fingerprintArticles,
  runFingerprintConsumer,
} from './sweep.js';
export {
  COPY_CONTAINMENT,
  COPY_MIN_SHARED,
  decideMatch,
  estimateJaccard,
  matchTexts,
  MIN_ESTIMATED_JACCARD,
  worthVerifying,
  WHOLE_COPY_CONTAINMENT,
  type MatchDecision,
  type MatchKind,
} from './match.js';
export {
  findReceipt,
  getMatchReport,
  listMatchPairs,
  presentMatchReport,
  presentReceipt,
  type MatchReportItem,
  type Receipt,
} from './queries.js';
