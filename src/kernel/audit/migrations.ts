import type { Migration } from '../storage/port.js';

/**
 * The audit trail: who changed what, when, on which mandate. Written in the same
 * transaction as the change it describes, so neither exists without the other.
 * Times are ISO-8601 UTC text (they sort as text on both engines).
 */
const table = (serial: string, json: string) => `
      CREATE TABLE audit_events (
        id ${serial},
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        organisation_id TEXT,
        action TEXT NOT NULL,
        target_type TEXT NOT NULL,
        target_id TEXT NOT NULL,
        mandate_id TEXT,
        detail ${json}
      );
      CREATE INDEX audit_events_target ON audit_events (target_type, target_id, id);
      CREATE INDEX audit_events_organisation ON audit_events (organisation_id, id);`;

export const AUDIT_MIGRATIONS: readonly Migration[] = [
  { id: 'kernel/002-audit', sqlite: table('INTEGER PRIMARY KEY AUTOINCREMENT', 'TEXT'), postgres: table('BIGSERIAL PRIMARY KEY', 'TEXT') },
];
