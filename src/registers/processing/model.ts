import { z } from 'zod';
import { internalFields } from '../internal.js';

/** Shown where the register does not know a value yet: an honest gap, not a guess. */
export const UNKNOWN = 'onbekend';

/**
 * One processing activity in the register of processing activities (AVG/GDPR art. 30(1)).
 * Generated from what runs on the platform; nothing here is typed in except the details
 * a publisher adds to its own dataset.
 */
export interface ProcessingRecord {
  /** `<source>:<id>`, e.g. `dataset:parkeervergunningen`. */
  id: string;
  source: string;
  name: string;
  href?: string;
  /** Art. 30(1)(a): the controller. */
  controller: { id: string; name: string };
  personalData: 'pseudonymised' | 'personal' | 'special-category';
  /** Art. 30(1)(b). */
  purposes: string[];
  /** Art. 30(1)(c): categories of data subjects and of personal data. */
  dataSubjects: string[];
  dataCategories: string[];
  /** Art. 30(1)(d). */
  recipients: string[];
  /** Art. 30(1)(e): transfers to third countries or international organisations. */
  internationalTransfers: string;
  /** Art. 30(1)(f). */
  retention: string;
  /** Art. 6 (and 9) AVG. */
  legalBasis: string;
  /** Art. 30(1)(g), in general terms. */
  securityMeasures: string[];
  mandateIds: string[];
  /** Fields still showing "onbekend", so the publisher sees what to fill in. */
  unknownFields: string[];
}

const line = z.string().trim().min(1).max(500);

/** What a publisher adds to its dataset's processing record. Absent fields stay "onbekend". */
export const processingDetailsInput = z.strictObject({
  purposes: z.array(line).max(20).optional(),
  dataSubjects: z.array(line).max(20).optional(),
  dataCategories: z.array(line).max(50).optional(),
  recipients: z.array(line).max(50).optional(),
  internationalTransfers: line.optional(),
  retention: line.optional(),
  securityMeasures: z.array(line).max(50).optional(),
  internal: internalFields.optional().describe('Never shown in public reads: only to keys of the publisher'),
});
export type ProcessingDetailsInput = z.infer<typeof processingDetailsInput>;
export type ProcessingDetails = Omit<ProcessingDetailsInput, 'internal'> & { updatedAt: string };

export const processingRecordSchema = z
  .object({
    id: z.string(),
    source: z.string(),
    name: z.string(),
    controller: z.object({ id: z.string(), name: z.string() }),
    purposes: z.array(z.string()),
    dataSubjects: z.array(z.string()),
    dataCategories: z.array(z.string()),
    recipients: z.array(z.string()),
    internationalTransfers: z.string(),
    retention: z.string(),
    legalBasis: z.string(),
    securityMeasures: z.array(z.string()),
    mandateIds: z.array(z.string()),
    unknownFields: z.array(z.string()),
  })
  .passthrough();
