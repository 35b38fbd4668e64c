export { listAudit, writeAudit, type AuditEntry } from './audit.js';
