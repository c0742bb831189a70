/**
 * The standard query parameters of the items and feature routes (Part 1 core and
 * Part 2 crs) and their meaning for one collection: which CRS, which box.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';
import { parseBbox, transformBbox, type Bbox } from '../geo/index.js';
import { CRS84, findOgcCrs, type OgcCrs } from './crs.js';
import { parseDatetime } from './datetime.js';
import type { BboxFilter } from './provider.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** The representation, where the Accept header should not decide (links in a browser). */
export const formatParam = z.enum(['json', 'html']).optional().meta({ description: 'json (default) or html; without it the Accept header decides' });

const crsParam = z.string().max(300).meta({ format: 'uri', description: 'A CRS URI from the collection’s `crs` list; default CRS84' });

export const standardItemsQuery = {
  limit: z.coerce
    .number<string>()
    .int()
    .min(1)
    .default(DEFAULT_LIMIT)
    // /req/core/fc-limit-response-1 C: a limit above the maximum is not an error, it is the maximum.
    .transform((n) => Math.min(n, MAX_LIMIT))
    .meta({ maximum: MAX_LIMIT, description: `Page size: default ${DEFAULT_LIMIT}; larger values are served as ${MAX_LIMIT}` }),
  offset: z.coerce.number<string>().int().min(0).max(10_000_000).default(0).meta({ description: 'Features to skip; the next and prev links carry it' }),
  bbox: z.string().max(400).optional().meta({ description: 'minx,miny,maxx,maxy (or 6 numbers with heights) in bbox-crs; default CRS84 longitude/latitude' }),
  'bbox-crs': crsParam.optional(),
  datetime: z
    .string()
    .max(100)
    .transform((s, ctx) => {
      const r = parseDatetime(s);
      if ('error' in r) {
        ctx.addIssue({ code: 'custom', message: r.error });
        return z.NEVER;
      }
      return r.interval;
    })
    .optional()
    .meta({ description: 'An RFC 3339 instant or interval (start/end, either may be `..`); collections without time match every feature' }),
  crs: crsParam.optional(),
  f: formatParam,
};

export const standardItemQuery = { crs: crsParam.optional(), f: formatParam };

const bad = (name: string, reason: string): AppError => new AppError('invalid-query', `${name}: ${reason}`, [{ name, reason, in: 'query' }]);

/** The CRS a `crs` or `bbox-crs` value names among the collection's, or a 400 naming the parameter. */
export function resolveCrs(value: string | undefined, offered: readonly OgcCrs[], name: string): OgcCrs {
  if (value === undefined) return CRS84;
  const crs = findOgcCrs(value, offered);
  if (!crs) throw bad(name, `'${value}' is not a CRS this collection is served in; use one of ${offered.map((c) => c.uri).join(', ')}`);
  return crs;
}

/** Parses `bbox` in `crs` (axis order as the CRS defines it) into a filter. */
export function bboxFilter(text: string, crs: OgcCrs): BboxFilter {
  const parts = text.split(',');
  if (parts.length !== 4 && parts.length !== 6) throw bad('bbox', `needs 4 or 6 numbers, got ${parts.length}`);
  // Heights of a 6-number box are not filtered on: every collection here is selected by its footprint.
  const horizontal = parts.length === 6 ? [parts[0], parts[1], parts[3], parts[4]] : parts;
  const [a, b, c, d] = horizontal as [string, string, string, string];
  const eastFirst = crs.latFirst ? [b, a, d, c] : [a, b, c, d];
  const parsed = parseBbox(eastFirst.join(','), { geographic: crs.geographic });
  if (!parsed.bbox) throw bad('bbox', parsed.issues.join('; '));
  const box = parsed.bbox;
  return {
    box,
    crs,
    in(epsg: number, margin = 0): Bbox {
      try {
        return transformBbox([box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin], crs.epsg, epsg);
      } catch {
        throw bad('bbox', `cannot be expressed in EPSG:${epsg}`);
      }
    },
  };
}
