import { z } from 'zod';

/**
 * Fields a register entry may hold that the public never sees: who to call inside the
 * organisation and its working notes. They are stored in a separate column and returned
 * only to a key of the owning organisation (or the administrator). A test walks every
 * GET route of the capability without a key and checks none of them appears.
 */
export const internalFields = z.strictObject({
  contactPerson: z
    .strictObject({
      name: z.string().trim().min(1).max(200).optional(),
      email: z.email().optional(),
      phone: z.string().trim().min(1).max(50).optional(),
    })
    .optional(),
  notes: z.string().trim().max(10_000).optional(),
});
export type InternalFields = z.infer<typeof internalFields>;

/** The names, for documentation and the OpenAPI description. */
export const INTERNAL_FIELD_NAMES = ['internal.contactPerson.name', 'internal.contactPerson.email', 'internal.contactPerson.phone', 'internal.notes'] as const;

export const isEmptyInternal = (i: InternalFields | undefined): boolean => !i || (!i.notes && !i.contactPerson);
