import { z } from 'zod';
import { idSchema } from '../../governance/index.js';

/**
 * The sensor register, aligned with Kadaster's SensRNet model: a device (Thing) has a
 * category, a location, the properties it observes, a theme, and per observation an
 * observation goal with its legal ground, whether it holds personal data, and whether
 * the data is public and open data. We add owner, retention and the mandates it rests on.
 */
export const DEVICE_CATEGORIES = ['sensor', 'camera', 'beacon', 'meetstation', 'teller', 'overig'] as const;
export type DeviceCategory = (typeof DEVICE_CATEGORIES)[number];

/** SensRNet's themes, as short Dutch codes. */
export const SENSOR_THEMES = ['lucht', 'weer', 'water', 'bodem', 'geluid', 'verkeer', 'mobiliteit', 'parkeren', 'afval', 'energie', 'veiligheid', 'gezondheid', 'natuur', 'drukte', 'overig'] as const;
export type SensorTheme = (typeof SENSOR_THEMES)[number];

export const SENSOR_FLAGS = ['personal-data-without-legal-basis', 'no-owner'] as const;
export type SensorFlag = (typeof SENSOR_FLAGS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/** A device registered without data flowing in through SensorThings (yet). */
export const deviceInput = z.strictObject({
  id: idSchema.optional(),
  ownerId: idSchema,
  name: text(200),
  description: z.string().trim().max(2000).optional(),
  category: z.enum(DEVICE_CATEGORIES),
  theme: z.enum(SENSOR_THEMES),
  location: z.strictObject({ longitude: z.number().min(-180).max(180), latitude: z.number().min(-90).max(90) }).describe('WGS84'),
  observes: z.array(z.strictObject({ name: text(200), definition: z.string().trim().max(500).optional() })).min(1).max(50).describe('The ObservedProperties'),
  personalData: z.boolean().describe('Whether what it records can identify people (avg art. 4(1))'),
  personalDataClass: z.string().trim().max(100).optional().describe('e.g. direct, pseudonymised, aggregated'),
  purpose: z.string().trim().max(2000).optional().describe('Observation goal (SensRNet: observationGoal)'),
  legalBasis: z.string().trim().max(500).optional().describe('Legal ground of the observation goal (SensRNet: legalGround)'),
  legalBasisLink: z.url().optional(),
  retention: z.string().trim().max(200).optional().describe('How long observations are kept, e.g. "P30D" or "30 dagen"'),
  mandateIds: z.array(idSchema).max(50).default([]),
  public: z.boolean().default(true),
  openData: z.boolean().default(false),
  active: z.boolean().default(true),
  example: z.boolean().default(false).describe('Demo content that is not a real registration'),
});
export type DeviceInput = z.input<typeof deviceInput>;
export type Device = z.output<typeof deviceInput> & { id: string; createdAt: string; updatedAt: string };

/** What one Datastream (or a registered device's observation) tells the register. */
export interface SensorStream {
  name: string;
  observedProperty: { name: string; definition?: string };
  unit?: string;
  /** True / false when declared; null when nobody said. */
  personalData: boolean | null;
  personalDataClass?: string;
  purpose?: string;
  legalBasis?: string;
  retention?: string;
  mandateIds: string[];
  identifierFields?: string[];
  observationCount?: number;
  staId?: string | number;
  /** The catalog dataset the stream feeds, when it inherited declarations from it. */
  catalogDataset?: string;
}

export interface SensorEntry {
  id: string;
  source: 'live' | 'registered';
  name: string;
  description?: string;
  category: DeviceCategory;
  theme?: string;
  ownerId: string | null;
  location: { longitude: number; latitude: number } | null;
  observes: string[];
  streams: SensorStream[];
  personalData: boolean | null;
  personalDataClass?: string;
  purpose?: string;
  legalBasis?: string;
  legalBasisLink?: string;
  retention?: string;
  mandateIds: string[];
  public: boolean;
  openData: boolean;
  active: boolean;
  example: boolean;
  flags: SensorFlag[];
  /** Where the live data is served (SensorThings), when there is any. */
  sta?: string;
}

export const sensorSchema = z
  .object({
    id: z.string(),
    source: z.enum(['live', 'registered']),
    name: z.string(),
    category: z.enum(DEVICE_CATEGORIES),
    ownerId: z.string().nullable(),
    location: z.object({ longitude: z.number(), latitude: z.number() }).nullable(),
    observes: z.array(z.string()),
    personalData: z.boolean().nullable(),
    mandateIds: z.array(z.string()),
    flags: z.array(z.enum(SENSOR_FLAGS)),
  })
  .passthrough();
