export {
  FINGERPRINT_BATCH,
  findCopies,
  listCopiesAmong,
  countUnfingerprinted,
  fingerprintAll,
  fingerprintPendingArticles,
  recordFingerprint,
  recordMatches,
  SIMHASH_MAX_DISTANCE,
  type OriginalityMatch,
} from './check.js';
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
  presentMatchReport,
  presentReceipt,
  type MatchReportItem,
  type Receipt,
} from './queries.js';
