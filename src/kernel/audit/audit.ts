import { actorOf, organisationOf, type Principal } from '../auth/index.js';
import type { Queryable } from '../storage/port.js';

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One change, as the trail records it. */
export interface AuditEntry {
  action: AuditAction;
  /** What kind of item: `sta:Datastream`, `catalog:dataset`, ... */
  targetType: string;
  targetId: string;
  /** The mandate the change rests on, when the item names one. */
  mandateId?: string;
  /** What changed, for the changes that matter to a reader (a privacy declaration before and after). */
  detail?: Record<string, unknown>;
}

export interface AuditEvent extends AuditEntry {
  id: number;
  at: string;
  actor: string;
  organisationId: string | null;
}

/** Records changes inside the caller's transaction: the trail and the change commit together. */
export async function recordAudit(tx: Queryable, principal: Principal, entries: readonly AuditEntry[], now = new Date()): Promise<void> {
  if (!entries.length) return;
  const at = now.toISOString();
  await tx.insertMany(
    'audit_events',
    ['at', 'actor', 'organisation_id', 'action', 'target_type', 'target_id', 'mandate_id', 'detail'],
    entries.map((e) => [at, actorOf(principal), organisationOf(principal) ?? null, e.action, e.targetType, e.targetId, e.mandateId ?? null, e.detail ? JSON.stringify(e.detail) : null]),
  );
}

/** The trail of one item, oldest first. */
export async function auditOf(db: Queryable, targetType: string, targetId: string): Promise<AuditEvent[]> {
  const rows = await db.all<{ id: number; at: string; actor: string; organisation_id: string | null; action: AuditAction; target_type: string; target_id: string; mandate_id: string | null; detail: string | null }>(
    'SELECT id, at, actor, organisation_id, action, target_type, target_id, mandate_id, detail FROM audit_events WHERE target_type = ? AND target_id = ? ORDER BY id',
    [targetType, targetId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    organisationId: r.organisation_id,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    ...(r.mandate_id ? { mandateId: r.mandate_id } : {}),
    ...(r.detail ? { detail: JSON.parse(r.detail) as Record<string, unknown> } : {}),
  }));
}
