export {
  AUDIT_PAGE_SIZE,
  listAuditActions,
  searchAudit,
  type AuditFilter,
  redactAudit,
  REDACTED,
  writeAudit,
  type AuditEntry,
} from './audit.js';
