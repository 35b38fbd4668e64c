export {
  checkContent,
  encodingDamage,
  keywordStuffedLines,
  Lexicon,
  screenContent,
  type SafetyReason,
  type SafetyReport,
  type SafetyVerdict,
  type SpamCategory,
} from './spam.js';
export {
  checkedGate,
  editorApprovalGate,
  publishChecked,
  publishDueArticles,
  type CopyPolicy,
  type PublishOutcome,
} from './publish.js';
export {
  decideItems,
  DECISIONS,
  DecisionInputSchema,
  DESK_KINDS,
  listCreatorNotices,
  listOpenItems,
  REPORT_REASONS,
  reportArticle,
  ReportSchema,
  restoreRemovedArticle,
  type CreatorNotice,
  type Decision,
  type DeskItem,
  type DeskKind,
  type ReportReason,
} from './desk.js';
export {
  addLexiconTerm,
  CATEGORY_LABELS,
  LexiconTermSchema,
  listLexiconTerms,
  removeLexiconTerm,
  SPAM_CATEGORIES,
  syncLexicon,
  type LexiconTermInput,
} from './lexicon.js';
export { countOpenDeskItems, eraseReportsOf } from './desk.js';
