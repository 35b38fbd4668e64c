export { listAudit, listRecentAudit, writeAudit, type AuditEntry } from './audit.js';
