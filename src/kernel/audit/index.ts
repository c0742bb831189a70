export { AUDIT_MIGRATIONS } from './migrations.js';
export { AUDIT_ACTIONS, auditOf, recordAudit, type AuditAction, type AuditEntry, type AuditEvent } from './audit.js';
