import { z } from 'zod';

export const ORGANISATION_KINDS = [
  'gemeente',
  'provincie',
  'waterschap',
  'rijk',
  'omgevingsdienst',
  'gemeenschappelijke-regeling',
  'netwerkorganisatie',
  'bedrijf',
  'ngo',
] as const;

/** What a mandate is: the decision or agreement something rests on. */
export const MANDATE_KINDS = [
  'raadsbesluit',
  'statenbesluit',
  'collegebesluit',
  'wet-of-regeling',
  'convenant',
  'contract',
  'geen',
] as const;

/**
 * An OIN (Organisatie-identificatienummer) is 20 digits; the first 8 name the
 * register it was derived from (00000001 RSIN, 00000003 KvK, 00000004 OIN register, ...).
 */
export const oinSchema = z.string().regex(/^\d{20}$/, 'must be an OIN: exactly 20 digits');

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 characters: lower-case letters, digits and hyphens');

export const organisationInput = z.strictObject({
  id: id.optional(),
  name: z.string().trim().min(1).max(300),
  oin: oinSchema.optional(),
  kind: z.enum(ORGANISATION_KINDS),
  website: z.url().optional(),
  /** Persistent identifier: a TOOI URI for Dutch government bodies (used as dct:publisher in DCAT). */
  uri: z.url().optional(),
  /** Contact address for the data register (dcat:contactPoint). */
  email: z.email().optional(),
  /** The organisation this one belongs to or is run by, e.g. a network organisation hosted by a municipality. */
  parentId: id.optional(),
  example: z.boolean().default(false),
});
export type OrganisationInput = z.input<typeof organisationInput>;

export const organisation = organisationInput.extend({
  id,
  example: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof organisation>;

export const decidingBody = z.strictObject({
  /** e.g. "Gemeenteraad van Delft", "College van burgemeester en wethouders". */
  name: z.string().trim().min(1).max(300),
  organisationId: id.optional(),
  /** Directly elected by residents: a council, provincial states, parliament, water board assembly. */
  elected: z.boolean(),
});

export const mandateInput = z.strictObject({
  id: id.optional(),
  kind: z.enum(MANDATE_KINDS),
  title: z.string().trim().min(1).max(500),
  date: z.iso.date().optional(),
  decidedBy: decidingBody.optional(),
  /** A public link to the decision text (raadsinformatiesysteem, officielebekendmakingen, wetten.overheid.nl). */
  link: z.url().optional(),
  /** Organisations that signed an agreement. */
  signatories: z.array(id).max(200).default([]),
  /** The mandate this one is given under, e.g. a collegebesluit under a raadsbesluit. */
  basedOn: id.optional(),
  /** Whether this entry is an illustration rather than a verified decision. */
  example: z.boolean().default(false),
  /** The organisation whose keys may edit this mandate. */
  ownerId: id,
});
export type MandateInput = z.input<typeof mandateInput>;

export const mandate = mandateInput.extend({
  id,
  signatories: z.array(id),
  example: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Mandate = z.infer<typeof mandate>;

/** A step in "who decided this": a mandate and the ones it rests on, nearest first. */
export interface MandateLink {
  mandate: Mandate;
  body?: { name: string; elected: boolean; organisation?: Pick<Organisation, 'id' | 'name' | 'kind'> };
  /** The organisations that signed an agreement, by name. */
  signatories?: Array<Pick<Organisation, 'id' | 'name' | 'kind'>>;
}

export const idParam = z.strictObject({ id });
export { id as idSchema };
