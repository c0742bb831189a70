import { z } from 'zod';
import { SPAN_ID, TRACE_ID } from './trace-context.js';

export const PROCESSING_STATUSES = ['ok', 'error'] as const;

const traceId = z.string().regex(TRACE_ID, 'must be 32 lower-case hex digits (W3C trace-id)');
const spanId = z.string().regex(SPAN_ID, 'must be 16 lower-case hex digits (W3C parent-id)');
/** `<register>:<id>`, e.g. `contract:<id>` or `dataset:<id>`: the id in the register of processing activities. */
const activityId = z.string().regex(/^[a-z][a-z0-9-]*:[^\s]{1,300}$/, 'must be <kind>:<id>, e.g. contract:abc');
const time = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((t) => new Date(t).toISOString());

/** What a caller hands the processing log; ids it leaves out are made. */
export const processingInput = z.strictObject({
  traceId: traceId.optional(),
  spanId: spanId.optional(),
  parentSpanId: spanId.optional(),
  /** The operation, e.g. `federation.provide`. */
  name: z.string().trim().min(1).max(200),
  activityId,
  startedAt: time,
  endedAt: time,
  status: z.enum(PROCESSING_STATUSES),
  /** The organisation on the other side of an exchange, if any. */
  peer: z.string().min(1).max(200).optional(),
  /** The data subject's id (a BSN, a licence plate); only its keyed hash is stored. */
  dataSubject: z.strictObject({ type: z.string().min(1).max(50), id: z.string().min(1).max(200) }).optional(),
  attributes: z.record(z.string(), z.unknown()).default({}),
});
export type ProcessingInput = z.input<typeof processingInput>;

export const processingEntry = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().optional(),
  name: z.string(),
  activityId: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  status: z.enum(PROCESSING_STATUSES),
  peer: z.string().optional(),
  /** HMAC-SHA256 of `<type>:<id>` under this platform's logbook secret, hex. */
  dataSubjectHash: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()),
});
export type ProcessingEntry = z.infer<typeof processingEntry>;

export interface LogbookFilter {
  traceId?: string;
  activityId?: string;
  /** Inclusive lower bound on startedAt (ISO 8601). */
  from?: string;
  /** Exclusive upper bound on startedAt (ISO 8601). */
  to?: string;
  dataSubjectHash?: string;
}
