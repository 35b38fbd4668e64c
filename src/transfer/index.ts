export {
  IMPORT_FORMATS,
  IMPORT_KIND_LABELS,
  IMPORT_KINDS,
  IMPORT_OUTCOME_LABELS,
  parseChannelMap,
  type ImportFormat,
  type ImportKind,
  type ImportReportItem,
  type SiteImportReport,
} from './model.js';
export { channelChooser, externalIdOf, runImport, type ImportRunOptions } from './engine.js';
export { readSource } from './sources.js';
export { findRedirect, normalizePath } from './redirects.js';
export { htmlToMarkdown, wordpressToMarkdown } from './html-markdown.js';
export { importSite, type SiteImportOptions } from './import-site.js';
export { EXPORT_FORMAT, EXPORT_VERSION, exportSite, type ExportOptions } from './archive.js';
export { importArchive } from './archive-import.js';
export { exportCreator } from './creator-export.js';
export {
  createImportJob,
  getImportJobOrThrow,
  IMPORT_JOBS_LISTED,
  IMPORT_UPLOAD_MAX_BYTES,
  listImportJobs,
  runImportJob,
  startImportJob,
  type ImportJob,
} from './jobs.js';
