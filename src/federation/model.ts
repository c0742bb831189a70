import { z } from 'zod';
import { idSchema } from '../governance/index.js';

/** SHA-256 of a certificate's DER bytes, as 64 lower-case hex digits; `AB:CD:...` (openssl, Node) is accepted and normalised. */
export const fingerprintSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/:/g, '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 certificate fingerprint: 64 hex digits, colons allowed'));

/** A peer in the directory: another organisation's node (FSC: a Peer with its Manager address). */
export const peerInput = z.strictObject({
  organisationId: idSchema,
  name: z.string().trim().min(1).max(300),
  /** Where its federation listener answers, e.g. https://data.provincie.example:8443 */
  baseUrl: z.url({ protocol: /^https$/ }).transform((u) => u.replace(/\/+$/, '')),
  certificateFingerprint: fingerprintSchema,
});
export type PeerInput = z.input<typeof peerInput>;

export const peerSchema = z.object({
  organisationId: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  certificateFingerprint: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Peer = z.infer<typeof peerSchema>;

/**
 * A local API path a contract exposes. Dot segments, doubled or encoded slashes and
 * backslashes are refused, so a prefix can only mean what it reads as.
 */
export const servicePath = z
  .string()
  .min(2)
  .max(500)
  .regex(/^\/[^?#]*$/, 'must be a path starting with / and without query or fragment')
  .refine((p) => !/(^|\/)\.\.?(\/|$)|\/\/|\\|%2e|%2f|%5c/i.test(p), 'must not contain dot segments, //, backslashes or encoded dots and slashes');

const instant = z.iso.datetime({ offset: true }).transform((t) => new Date(t).toISOString());

export const CONTRACT_STATES = ['proposed', 'accepted', 'revoked', 'expired'] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];
export const PARTIES = ['provider', 'consumer'] as const;
export type Party = (typeof PARTIES)[number];

/**
 * A data-sharing contract: FSC's contract with one service connection grant. The
 * consumer may read the provider's service (a path prefix) for the stated purpose,
 * between validFrom and validUntil, once both parties have accepted.
 */
export const contractInput = z
  .strictObject({
    id: idSchema.optional().describe('Give the same id on both nodes; made from a UUID when left out'),
    providerId: idSchema,
    consumerId: idSchema,
    service: z.strictObject({
      name: z.string().trim().min(1).max(200),
      pathPrefix: servicePath.describe('e.g. /sta/v1.1/Datastreams(3) or /api/v1/catalog/datasets/parkeren'),
    }),
    purpose: z.string().trim().min(1).max(2000),
    legalBasis: z.string().trim().min(1).max(500).optional(),
    personalData: z.boolean(),
    mandateIds: z.array(idSchema).max(50).default([]),
    validFrom: instant,
    validUntil: instant,
  })
  .superRefine((c, issue) => {
    if (c.consumerId === c.providerId) issue.addIssue({ code: 'custom', path: ['consumerId'], message: 'must differ from providerId' });
    if (c.validUntil <= c.validFrom) issue.addIssue({ code: 'custom', path: ['validUntil'], message: 'must be after validFrom' });
    if (c.personalData && !c.legalBasis) issue.addIssue({ code: 'custom', path: ['legalBasis'], message: 'is required when personalData is true (AVG art. 6)' });
  });
export type ContractInput = z.input<typeof contractInput>;

export const contractSchema = z.object({
  id: z.string(),
  providerId: z.string(),
  consumerId: z.string(),
  service: z.object({ name: z.string(), pathPrefix: z.string() }),
  purpose: z.string(),
  legalBasis: z.string().optional(),
  personalData: z.boolean(),
  mandateIds: z.array(z.string()),
  validFrom: z.string(),
  validUntil: z.string(),
  /** SHA-256 over the content both parties agree on; equal on both nodes when they hold the same contract. */
  contentHash: z.string(),
  state: z.enum(CONTRACT_STATES),
  /** Accepted, not revoked, and now within validFrom..validUntil. */
  active: z.boolean(),
  acceptedBy: z.object({ provider: z.string().optional(), consumer: z.string().optional() }),
  revoked: z.object({ at: z.string(), reason: z.string() }).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contract = z.infer<typeof contractSchema>;

/** What is stored: the state as written; `expired` and `active` are computed when read. */
export type StoredContract = Omit<Contract, 'state' | 'active'> & { state: 'proposed' | 'accepted' | 'revoked' };

export const acceptInput = z.strictObject({
  party: z.enum(PARTIES),
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be the contract’s contentHash (sha256:<hex>)'),
});
export const revokeInput = z.strictObject({ reason: z.string().trim().min(1).max(1000) });
