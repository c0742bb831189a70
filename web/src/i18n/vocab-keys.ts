import type { ACCESS_RIGHTS, DATASET_STATUS, FREQUENCIES, LANGUAGES, PERSONAL_DATA_CLASSES, SECTORS } from '../../../src/catalog/vocab.js';
import type { MANDATE_KINDS, ORGANISATION_KINDS } from '../../../src/governance/model.js';

/**
 * The labels every controlled-vocabulary code needs in each language. Typed from the
 * server's own lists (type-only import, nothing ships) so that a new code the server
 * adds is a type error here until it has a label.
 */
type Of<T extends readonly string[]> = T[number];
export type VocabKey =
  | `personalData.${Of<typeof PERSONAL_DATA_CLASSES>}`
  | `accessRights.${Of<typeof ACCESS_RIGHTS>}`
  | `frequency.${Of<typeof FREQUENCIES>}`
  | `status.${Of<typeof DATASET_STATUS>}`
  | `language.${Of<typeof LANGUAGES>}`
  | `sector.${Of<typeof SECTORS>}`
  | `mandateKind.${Of<typeof MANDATE_KINDS>}`
  | `orgKind.${Of<typeof ORGANISATION_KINDS>}`;
