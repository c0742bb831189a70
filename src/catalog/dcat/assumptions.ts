import { z } from 'zod';
import { ORGANISATION_KINDS } from '../../governance/index.js';
import { ACCESS_RIGHTS, LICENSES, PERSONAL_DATA_CLASSES, THEMES } from '../vocab.js';

/**
 * What the operator of a harvest states for records that do not say it themselves
 * (`--assume personalData=none`, `?assume=accessRights=PUBLIC`). An assumption fills a
 * field only where the source gives no usable value, and each use is named in the report.
 */
export const assumptionsSchema = z
  .strictObject({
    /** Thorbecke's own: DCAT cannot say whether a dataset holds personal data. Default 'none'. */
    personalData: z.enum(PERSONAL_DATA_CLASSES).optional(),
    /** Thorbecke's own: the legal basis for datasets assumed to hold personal data. */
    legalBasis: z.string().trim().min(1).max(1000).optional(),
    /** Thorbecke's own: the kind of an organisation created for an unknown publisher. Default 'ngo'. */
    organisationKind: z.enum(ORGANISATION_KINDS).optional(),
    /** DCAT-AP-NL requires dct:accessRights; catalogues outside the profile often leave it out. */
    accessRights: z.enum(ACCESS_RIGHTS).optional(),
    /** DCAT-AP-NL requires a dcat:theme from the EU data theme vocabulary. */
    theme: z.enum(THEMES).optional(),
    /** DCAT-AP-NL requires a dct:license per distribution. */
    license: z.enum(LICENSES).optional(),
  })
  .refine((a) => a.personalData === undefined || a.personalData === 'none' || a.legalBasis !== undefined, {
    message: 'personalData other than none needs a legalBasis too (AVG art. 6)',
    path: ['legalBasis'],
  });
export type Assumptions = z.infer<typeof assumptionsSchema>;
export const ASSUMPTION_FIELDS = Object.keys(assumptionsSchema.shape) as Array<keyof Assumptions>;

/** What a harvest assumes for Thorbecke's own fields when neither the source nor the operator says. */
export const DEFAULT_PERSONAL_DATA = 'none' as const;
export const DEFAULT_ORGANISATION_KIND = 'ngo' as const;

export class AssumptionError extends Error {
  override readonly name = 'AssumptionError';
}

/** Reads `name=value` pairs (from repeated --assume flags or query parameters) into checked assumptions. */
export function parseAssumptions(pairs: readonly string[]): Assumptions {
  const raw: Record<string, string> = {};
  for (const pair of pairs) {
    const i = pair.indexOf('=');
    if (i <= 0) throw new AssumptionError(`'${pair}' is not name=value; known names: ${ASSUMPTION_FIELDS.join(', ')}`);
    const name = pair.slice(0, i).trim();
    if (!(ASSUMPTION_FIELDS as string[]).includes(name)) throw new AssumptionError(`'${name}' is not an assumption a harvest takes; known names: ${ASSUMPTION_FIELDS.join(', ')}`);
    raw[name] = pair.slice(i + 1).trim();
  }
  const parsed = assumptionsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AssumptionError(parsed.error.issues.map((i) => `${i.path.join('.') || 'assume'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}
