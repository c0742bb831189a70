import { createHmac } from 'node:crypto';
import type { Queryable, Store } from '../storage/port.js';
import { processingInput, type LogbookFilter, type ProcessingEntry, type ProcessingInput } from './model.js';
import { formatTraceparent, newSpanId, newTraceId, type TraceContext } from './trace-context.js';

/** How far past the requested page the total is counted. */
export const COUNT_WINDOW = 10_000;

interface Row {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  activity_id: string;
  started_at: string;
  ended_at: string;
  status: 'ok' | 'error';
  peer: string | null;
  data_subject_hash: string | null;
  attributes: string;
}

const COLUMNS = ['trace_id', 'span_id', 'parent_span_id', 'name', 'activity_id', 'started_at', 'ended_at', 'status', 'peer', 'data_subject_hash', 'attributes'];

function toEntry(r: Row): ProcessingEntry {
  const e: ProcessingEntry = {
    traceId: r.trace_id,
    spanId: r.span_id,
    name: r.name,
    activityId: r.activity_id,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    status: r.status,
    attributes: JSON.parse(r.attributes) as Record<string, unknown>,
  };
  if (r.parent_span_id) e.parentSpanId = r.parent_span_id;
  if (r.peer) e.peer = r.peer;
  if (r.data_subject_hash) e.dataSubjectHash = r.data_subject_hash;
  return e;
}

/** A processing operation under way: its ids are known before it ends, so they can be sent on. */
export interface OpenSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  /** The `traceparent` header that makes the callee's span a child of this one. */
  traceparent: string;
  /** Writes the record; pass the transaction the work ran in, when there is one. */
  end(outcome: Pick<ProcessingInput, 'status' | 'attributes' | 'dataSubject' | 'peer'>, db?: Queryable): Promise<ProcessingEntry>;
}

/**
 * The processing log (Logboek Dataverwerkingen): every processing of data the platform
 * does on someone's behalf, with the processing activity it belongs to. Append-only.
 */
export class Logbook {
  private secret: Buffer | undefined;

  constructor(private readonly store: Store) {}

  /** Keyed hash of a data subject id: stable within this platform, meaningless elsewhere. */
  async dataSubjectHash(subject: { type: string; id: string }, db: Queryable = this.store): Promise<string> {
    if (!this.secret) {
      const row = await db.one<{ secret: string }>('SELECT secret FROM logbook_secret WHERE id = 1');
      if (!row) throw new Error('The logbook secret is missing: run the kernel/002-logbook migration');
      this.secret = Buffer.from(row.secret, 'hex');
    }
    return createHmac('sha256', this.secret).update(`${subject.type}:${subject.id}`).digest('hex');
  }

  /** Appends one record; part of the caller's transaction when `db` is one. */
  async record(input: ProcessingInput, db: Queryable = this.store): Promise<ProcessingEntry> {
    const data = processingInput.parse(input);
    const entry: ProcessingEntry = {
      traceId: data.traceId ?? newTraceId(),
      spanId: data.spanId ?? newSpanId(),
      name: data.name,
      activityId: data.activityId,
      startedAt: data.startedAt,
      endedAt: data.endedAt,
      status: data.status,
      attributes: data.attributes,
    };
    if (data.parentSpanId) entry.parentSpanId = data.parentSpanId;
    if (data.peer) entry.peer = data.peer;
    if (data.dataSubject) entry.dataSubjectHash = await this.dataSubjectHash(data.dataSubject, db);
    await db.run(`INSERT INTO logbook (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`, [
      entry.traceId,
      entry.spanId,
      entry.parentSpanId ?? null,
      entry.name,
      entry.activityId,
      entry.startedAt,
      entry.endedAt,
      entry.status,
      entry.peer ?? null,
      entry.dataSubjectHash ?? null,
      JSON.stringify(entry.attributes),
    ]);
    return entry;
  }

  /**
   * Starts an operation now: continues the caller's trace when `context` is given (from
   * its `traceparent`), else starts a new one.
   */
  begin(op: { name: string; activityId: string; peer?: string; context?: TraceContext }, now: () => Date = () => new Date()): OpenSpan {
    const startedAt = now();
    const traceId = op.context?.traceId ?? newTraceId();
    const spanId = newSpanId();
    const parentSpanId = op.context?.parentSpanId;
    return {
      traceId,
      spanId,
      parentSpanId,
      traceparent: formatTraceparent(traceId, spanId),
      end: (outcome, db) =>
        this.record(
          { ...outcome, traceId, spanId, parentSpanId, name: op.name, activityId: op.activityId, peer: outcome.peer ?? op.peer, startedAt, endedAt: now() },
          db,
        ),
    };
  }

  /**
   * One page, newest first, and how many match — counted up to `countWindow` past the
   * page only: an exact count of a log of millions costs a full index scan on PostgreSQL
   * (106 ms at 1M records, measured), for a number nobody pages to the end of.
   */
  async list(filter: LogbookFilter, limit: number, offset: number, countWindow = COUNT_WINDOW): Promise<{ items: ProcessingEntry[]; total: number; exact: boolean }> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.traceId) (where.push('trace_id = ?'), params.push(filter.traceId));
    if (filter.activityId) (where.push('activity_id = ?'), params.push(filter.activityId));
    if (filter.from) (where.push('started_at >= ?'), params.push(filter.from));
    if (filter.to) (where.push('started_at < ?'), params.push(filter.to));
    if (filter.dataSubjectHash) (where.push('data_subject_hash = ?'), params.push(filter.dataSubjectHash));
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // Newest first, as an auditor reads a log; the span id breaks ties so pages never overlap.
    const rows = await this.store.all<Row>(
      `SELECT ${COLUMNS.join(', ')} FROM logbook ${clause} ORDER BY started_at DESC, trace_id, span_id LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    const cap = offset + limit + countWindow;
    const counted = await this.store.one<{ n: number | string }>(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM logbook ${clause} LIMIT ?) AS matched`, [...params, cap]);
    const total = Number(counted?.n ?? 0);
    return { items: rows.map(toEntry), total, exact: total < cap };
  }
}
