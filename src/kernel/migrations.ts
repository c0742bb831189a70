import { AUDIT_MIGRATIONS } from './audit/index.js';
import { JOB_MIGRATIONS } from './jobs/index.js';
import { LOGBOOK_MIGRATIONS } from './logbook/index.js';
import type { Migration } from './storage/port.js';

/** The kernel's own tables (jobs, processing log, audit trail), applied before any capability's. */
export const KERNEL_MIGRATIONS: readonly Migration[] = [...JOB_MIGRATIONS, ...LOGBOOK_MIGRATIONS, ...AUDIT_MIGRATIONS];
