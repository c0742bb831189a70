import { z } from 'zod';
import { validateGeometry } from '../kernel/geo/index.js';
import type { ObjectKind } from './imro/index.js';

/** IMRO identifications: NL.IMRO.<code>.<id>-<version>, and any id made of the same characters. */
export const planIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,159}$/, 'an IMRO identification such as NL.IMRO.0664.BPBS02-VG99');

const num = z.coerce.number<string>().refine(Number.isFinite, 'must be a finite number');

/** `lon`+`lat` (WGS84) or `x`+`y` with `crs=28992` (RD New). */
export const pointQuery = z
  .strictObject({
    lon: num.pipe(z.number().min(-180).max(180)).optional(),
    lat: num.pipe(z.number().min(-90).max(90)).optional(),
    x: num.optional(),
    y: num.optional(),
    crs: z.enum(['4326', '28992']).optional(),
  })
  .superRefine((q, ctx) => {
    const geo = q.lon !== undefined || q.lat !== undefined;
    const rd = q.x !== undefined || q.y !== undefined;
    if (geo && rd) ctx.addIssue({ code: 'custom', path: ['x'], message: 'give lon/lat or x/y, not both' });
    else if (geo && (q.lon === undefined || q.lat === undefined)) ctx.addIssue({ code: 'custom', path: [q.lon === undefined ? 'lon' : 'lat'], message: 'lon and lat go together' });
    else if (rd && (q.x === undefined || q.y === undefined)) ctx.addIssue({ code: 'custom', path: [q.x === undefined ? 'x' : 'y'], message: 'x and y go together' });
    else if (rd && q.crs !== '28992') ctx.addIssue({ code: 'custom', path: ['crs'], message: 'x/y are RD New: add crs=28992' });
    else if (!geo && !rd) ctx.addIssue({ code: 'custom', path: ['lon'], message: 'give lon and lat (WGS84) or x, y and crs=28992' });
    if (rd && q.x !== undefined && q.y !== undefined && (q.x < -7000 || q.x > 300000 || q.y < 289000 || q.y > 629000)) {
      ctx.addIssue({ code: 'custom', path: ['x'], message: 'x/y lie outside the RD New area (-7000..300000, 289000..629000)' });
    }
  });
export type PointQuery = z.output<typeof pointQuery>;

const position = z.array(z.number()).min(2).max(3);
const polygonCoords = z.array(z.array(position).min(4)).min(1).max(100);

/** A GeoJSON geometry checked with the geo kernel (closed rings, coordinate ranges) on top of its shape. */
const checked = <T extends z.ZodType>(schema: T, geographic: () => boolean = () => true) =>
  schema.superRefine((g, ctx) => {
    for (const issue of validateGeometry(g, { geographic: geographic(), maxIssues: 10 })) {
      ctx.addIssue({ code: 'custom', path: issue.path ? issue.path.split('.') : [], message: issue.message });
    }
  });

export const polygonSchema = z.strictObject({ type: z.literal('Polygon'), coordinates: polygonCoords });
export const areaGeometrySchema = z.discriminatedUnion('type', [
  polygonSchema,
  z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonCoords).min(1).max(100) }),
]);

export const hereBody = z
  .strictObject({
    geometry: areaGeometrySchema,
    crs: z.union([z.literal(4326), z.literal(28992)]).default(4326),
  })
  .superRefine((b, ctx) => {
    for (const issue of validateGeometry(b.geometry, { geographic: b.crs === 4326, maxIssues: 10 })) {
      ctx.addIssue({ code: 'custom', path: ['geometry', ...(issue.path ? issue.path.split('.') : [])], message: issue.message });
    }
  });
export type HereBody = z.output<typeof hereBody>;

export const checkBuildingBody = z.strictObject({
  footprint: checked(polygonSchema),
  height: z.number().positive().max(1000),
  function: z.string().trim().min(1).max(60).optional(),
});
export type CheckBuildingBody = z.output<typeof checkBuildingBody>;

export const checkScenarioBody = z.strictObject({
  /** A twin scenario; each of its planned buildings is checked. */
  scenario: z.string().min(1).max(200),
  function: z.string().trim().min(1).max(60).optional(),
});
export type CheckScenarioBody = z.output<typeof checkScenarioBody>;

export const startCheckBody = z.strictObject({
  activity: z.string().trim().min(1).max(200),
  location: z.strictObject({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).optional(),
});

export const answerBody = z.strictObject({
  questionId: z.string().min(1).max(200),
  value: z.union([z.boolean(), z.number(), z.string().max(2000), z.array(z.string().max(2000)).max(100)]),
});

/** OGC API Features collections: one per kind of plan object. */
export const COLLECTIONS: Record<string, { title: string; description: string; kinds: ObjectKind[] }> = {
  plangebieden: { title: 'Plangebieden', description: 'The area of each plan', kinds: ['plangebied'] },
  enkelbestemmingen: { title: 'Enkelbestemmingen', description: 'Land-use designations (one per place)', kinds: ['enkelbestemming'] },
  dubbelbestemmingen: { title: 'Dubbelbestemmingen', description: 'Overlaying designations (archaeology, pipes, water)', kinds: ['dubbelbestemming'] },
  bouwvlakken: { title: 'Bouwvlakken', description: 'Building envelopes: where buildings may stand', kinds: ['bouwvlak'] },
  functieaanduidingen: { title: 'Functieaanduidingen', description: 'Function designations within a bestemming', kinds: ['functieaanduiding'] },
  bouwaanduidingen: { title: 'Bouwaanduidingen', description: 'Building designations (e.g. vrijstaand, twee-aaneen)', kinds: ['bouwaanduiding'] },
  maatvoeringen: { title: 'Maatvoeringen', description: 'Norms: maximum heights, coverage, numbers of dwellings', kinds: ['maatvoering'] },
  gebiedsaanduidingen: { title: 'Gebiedsaanduidingen', description: 'Area designations (zones, protected areas)', kinds: ['gebiedsaanduiding'] },
  figuren: { title: 'Figuren', description: 'Figures drawn on the plan map', kinds: ['figuur'] },
  overige: { title: 'Overige planobjecten', description: 'Lettertekenaanduidingen and object types the importer does not know', kinds: ['lettertekenaanduiding', 'other'] },
};
/** Activity ids as the shipped file names write them (ConclusieBouwenDakkapel), safe in a URL. */
export const activityIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, . _ -, at most 100');
export const activityParams = z.strictObject({ id: activityIdSchema });
export const importSttrQuery = z.strictObject({
  id: activityIdSchema.optional(),
  /** The file name, kept with the import for whoever lists it. */
  fileName: z.string().trim().min(1).max(200).optional(),
});
