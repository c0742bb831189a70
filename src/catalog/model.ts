import { z } from 'zod';
import { validateGeometry, type GeoJsonGeometry } from '../kernel/geo/index.js';
import { idSchema } from '../governance/index.js';
import { ACCESS_RIGHTS, DATASET_STATUS, FILE_TYPES, FREQUENCIES, LANGUAGES, LICENSES, PERSONAL_DATA_CLASSES, SECTORS, THEMES } from './vocab.js';

/** Text in Dutch, optionally English too; Dutch is required because the register is Dutch first. */
export const text = (max: number) =>
  z.strictObject({ nl: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max).optional() });

/** WGS84 bounding box: [west, south, east, north] in degrees. */
export const bboxSchema = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .refine(([w, s, e, n]) => w <= e && s <= n, 'must be [west, south, east, north] with west <= east and south <= north');

/** A GeoJSON area in WGS84, checked for structure, ranges and closed rings by the geo kernel. */
export const areaGeometry = z
  .custom<GeoJsonGeometry>((g) => typeof g === 'object' && g !== null, 'must be a GeoJSON geometry object')
  .superRefine((g, ctx) => {
    const type = (g as { type?: unknown }).type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      ctx.addIssue({ code: 'custom', message: 'must be a GeoJSON Polygon or MultiPolygon', path: ['type'] });
      return;
    }
    for (const issue of validateGeometry(g, { geographic: true })) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path ? issue.path.split('.') : [] });
    }
  });

export const distributionInput = z.strictObject({
  id: idSchema.optional(),
  title: text(300).optional(),
  description: text(5000).optional(),
  accessUrl: z.url(),
  downloadUrl: z.url().optional(),
  /** dct:format; optional, as in DCAT-AP-NL (many catalogues give only a media type, or neither). */
  format: z.enum(FILE_TYPES).optional(),
  mediaType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'must be an IANA media type like text/csv').optional(),
  license: z.enum(LICENSES),
  byteSize: z.number().int().min(0).optional(),
  modified: z.iso.datetime({ offset: true }).optional(),
});
export type DistributionInput = z.input<typeof distributionInput>;

export const contactPoint = z.strictObject({
  name: z.string().trim().min(1).max(300),
  email: z.email().optional(),
  url: z.url().optional(),
});

export const datasetInput = z.strictObject({
  id: idSchema.optional(),
  /** dct:identifier; defaults to the dataset's own URI on this platform. */
  identifier: z.string().trim().min(1).max(500).optional(),
  title: text(300),
  description: text(20_000),
  publisherId: idSchema,
  /** dct:creator; defaults to the publisher. */
  creatorId: idSchema.optional(),
  contactPoint,
  themes: z.array(z.enum(THEMES)).min(1).max(13),
  accessRights: z.enum(ACCESS_RIGHTS),
  keywords: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  languages: z.array(z.enum(LANGUAGES)).max(4).default(['NLD']),
  landingPage: z.url().optional(),
  issued: z.iso.date().optional(),
  modified: z.iso.date().optional(),
  accrualPeriodicity: z.enum(FREQUENCIES).optional(),
  status: z.enum(DATASET_STATUS).optional(),
  spatial: z
    .strictObject({
      bbox: bboxSchema.optional(),
      /** The area itself, GeoJSON Polygon or MultiPolygon in WGS84; the bbox is derived from it when left out. */
      geometry: areaGeometry.optional(),
      name: z.string().max(200).optional(),
    })
    .refine((s) => s.bbox !== undefined || s.geometry !== undefined, { message: 'give a bbox, a geometry, or both', path: ['bbox'] })
    .optional(),
  temporal: z
    .strictObject({ start: z.iso.date().optional(), end: z.iso.date().optional() })
    .refine((t) => !t.start || !t.end || t.start <= t.end, 'start must not be after end')
    .optional(),
  distributions: z.array(distributionInput).max(100).default([]),
  /** Thorbecke: privacy and democratic traceability. */
  personalData: z.enum(PERSONAL_DATA_CLASSES),
  legalBasis: z.string().trim().min(1).max(1000).optional(),
  mandateIds: z.array(idSchema).max(50).default([]),
  sectors: z.array(z.enum(SECTORS)).max(SECTORS.length).default([]),
}).refine((d) => d.personalData === 'none' || d.legalBasis !== undefined, {
  message: 'a dataset that holds personal data must state its legal basis (AVG art. 6)',
  path: ['legalBasis'],
});
export type DatasetInput = z.input<typeof datasetInput>;

export const distribution = distributionInput.safeExtend({ id: idSchema });
export type Distribution = z.infer<typeof distribution>;

export type Dataset = Omit<z.infer<typeof datasetInput>, 'id' | 'identifier' | 'creatorId' | 'distributions' | 'spatial'> & {
  id: string;
  /** After validation the bbox is always there: given, or derived from the geometry. */
  spatial?: { bbox: [number, number, number, number]; geometry?: GeoJsonGeometry; name?: string };
  identifier: string;
  creatorId: string;
  distributions: Distribution[];
  createdAt: string;
  updatedAt: string;
};

/** The API's view of a dataset: stored fields plus resolved names for display. */
export const datasetSchema = z.object({
  id: z.string(),
  identifier: z.string(),
  title: text(300),
  description: text(20_000),
  publisherId: z.string(),
  creatorId: z.string(),
  themes: z.array(z.string()),
  accessRights: z.string(),
  personalData: z.string(),
  distributions: z.array(z.unknown()),
  mandateIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
}).passthrough();
