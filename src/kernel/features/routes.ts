/**
 * Serves one FeatureApi as OGC API Features: landing page, conformance, collections,
 * items (bbox, bbox-crs, datetime, limit, offset, crs) and single features. A new
 * capability gets these endpoints, and the conformance tests, by implementing the
 * provider contract in provider.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../capability.js';
import { AppError } from '../errors.js';
import { API_PREFIX } from '../http/server.js';
import { contentCrs, type OgcCrs } from './crs.js';
import { bboxIn, geometryIn } from './geometry.js';
import { collectionDoc, CONFORMANCE_CLASSES, crsList, GEOJSON, JSON_TYPE, landingPage, linksFor, RootUrls, type Link } from './documents.js';
import { htmlPage, negotiate, type Format } from './html.js';
import type { FeatureApi, FeatureCollection, ProvidedFeature } from './provider.js';
import { bboxFilter, DEFAULT_LIMIT, formatParam, resolveCrs, standardItemQuery, standardItemsQuery } from './query.js';

function featureOut(f: ProvidedFeature, from: OgcCrs, to: OgcCrs) {
  return {
    type: 'Feature' as const,
    id: f.id,
    ...(f.bbox ? { bbox: bboxIn(f.bbox, from, to) } : {}),
    geometry: geometryIn(f.geometry, from, to),
    properties: f.properties,
  };
}

/**
 * The request's own query string with `limit` and `offset` set, as an absolute URL of
 * the JSON representation (`f` dropped: linksFor adds the HTML one where it applies).
 */
function pageUrl(base: string, rawUrl: string, limit: number, offset: number): string {
  const url = new URL(rawUrl, 'http://local');
  url.searchParams.delete('f');
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('offset', String(offset));
  return `${base}?${url.searchParams.toString()}`;
}

export async function registerFeatureApi<Q extends z.ZodObject, I extends z.ZodObject>(app: FastifyInstance, ctx: AppContext, api: FeatureApi<Q, I>): Promise<void> {
  const byId = new Map<string, FeatureCollection<z.output<Q>, z.output<I>>>(api.collections.map((c) => [c.id, c]));
  const urls = () => new RootUrls(`${ctx.baseUrl}${API_PREFIX}${api.root}`);
  const collectionOf = (id: string) => {
    const c = byId.get(id);
    if (!c) throw new AppError('not-found', `No collection '${id}'; the collections are ${[...byId.keys()].join(', ')}`);
    return c;
  };
  const tags = api.tags;
  const collectionParams = z.strictObject({ collectionId: z.string().min(1).max(100).meta({ description: `One of ${[...byId.keys()].join(', ')}` }) });
  const featureParams = collectionParams.extend({ featureId: z.string().min(1).max(500) });
  const itemsQuery = api.itemsQuery.extend(standardItemsQuery).strict();
  const itemQuery = api.itemQuery.extend(standardItemQuery).strict();
  // What the merged schemas give the handlers: the standard parameters and the API's own.
  // (typed apart from Q and I: fastify cannot resolve a route generic that depends on them).
  type ItemsQuery = z.output<z.ZodObject<typeof standardItemsQuery>> & Record<string, unknown>;
  type ItemQuery = z.output<z.ZodObject<typeof standardItemQuery>> & Record<string, unknown>;

  const formatQuery = z.strictObject({ f: formatParam });
  type FormatQuery = z.output<typeof formatQuery>;

  /** The document in the representation the client asked for, with self and alternate links. */
  const send = (req: FastifyRequest, reply: FastifyReply, f: Format | undefined, doc: { links: Link[] }, jsonType: string, title: string) => {
    const format = negotiate(f, req.headers.accept);
    const out = linksFor(doc, format, jsonType);
    reply.header('vary', 'accept');
    return format === 'html' ? reply.type('text/html; charset=utf-8').send(htmlPage(title, out)) : reply.type(jsonType).send(out);
  };

  app.get<{ Querystring: FormatQuery }>(api.root, {
    schema: { tags, summary: `${api.title}: OGC API Features landing page`, querystring: formatQuery },
  }, async (req, reply) => send(req, reply, req.query.f, landingPage(api, urls(), `${ctx.baseUrl}${API_PREFIX}`), JSON_TYPE, api.title));

  app.get<{ Querystring: FormatQuery }>(`${api.root}/conformance`, {
    schema: { tags, summary: 'The OGC API conformance classes this root implements', querystring: formatQuery },
  }, async (req, reply) => {
    const doc = { links: [{ href: urls().path('/conformance'), rel: 'self', type: JSON_TYPE, title: 'This document' }], conformsTo: [...CONFORMANCE_CLASSES] };
    return send(req, reply, req.query.f, doc, JSON_TYPE, `${api.title}: conformance`);
  });

  app.get<{ Querystring: FormatQuery }>(`${api.root}/collections`, {
    schema: { tags, summary: `The feature collections of ${api.title}`, querystring: formatQuery },
  }, async (req, reply) => {
    const u = urls();
    const doc = {
      links: [{ href: u.path('/collections'), rel: 'self', type: JSON_TYPE, title: 'This document' }] satisfies Link[],
      collections: await Promise.all(api.collections.map((c) => collectionDoc(c, u))),
    };
    return send(req, reply, req.query.f, doc, JSON_TYPE, `${api.title}: collections`);
  });

  app.get<{ Params: z.output<typeof collectionParams>; Querystring: FormatQuery }>(`${api.root}/collections/:collectionId`, {
    schema: { tags, summary: 'One feature collection: extent, CRSs, links', params: collectionParams, querystring: formatQuery },
  }, async (req, reply) => {
    const c = collectionOf(req.params.collectionId);
    return send(req, reply, req.query.f, await collectionDoc(c, urls()), JSON_TYPE, c.title);
  });

  app.get<{ Params: z.output<typeof collectionParams>; Querystring: ItemsQuery }>(`${api.root}/collections/:collectionId/items`, {
    schema: {
      tags,
      summary: 'Features of a collection as GeoJSON, paged',
      description:
        `bbox (in bbox-crs, default CRS84), datetime (collections without time match every feature), limit (default ${DEFAULT_LIMIT}; larger values are capped), ` +
        'offset, crs (a CRS of the collection; coordinates in its axis order, Content-Crs says which). Unknown parameters are a 400.',
      params: collectionParams,
      querystring: itemsQuery,
    },
  }, async (req, reply) => {
    const c = collectionOf(req.params.collectionId);
    const { limit, offset, bbox, 'bbox-crs': bboxCrs, datetime, crs: crsText, f, ...own } = req.query;
    const offered = crsList(c);
    const crs = resolveCrs(crsText, offered, 'crs');
    const box = bbox === undefined ? undefined : bboxFilter(bbox, resolveCrs(bboxCrs, offered, 'bbox-crs'));
    if (bbox === undefined && bboxCrs !== undefined) resolveCrs(bboxCrs, offered, 'bbox-crs');
    // The rest is what the API's own schema (Q) validated.
    const page = await c.items({ bbox: box, datetime: c.temporal ? datetime : undefined, limit, offset, crs, query: own as z.output<Q> });
    const u = urls();
    const base = u.items(c.id);
    const links: Link[] = [
      { href: pageUrl(base, req.url, limit, offset), rel: 'self', type: GEOJSON, title: 'This page' },
      { href: u.collection(c.id), rel: 'collection', type: JSON_TYPE, title: c.title },
    ];
    if (offset + page.features.length < page.numberMatched) links.push({ href: pageUrl(base, req.url, limit, offset + limit), rel: 'next', type: GEOJSON, title: 'Next page' });
    if (offset > 0) links.push({ href: pageUrl(base, req.url, limit, Math.max(0, offset - limit)), rel: 'prev', type: GEOJSON, title: 'Previous page' });
    const doc = {
      type: 'FeatureCollection',
      numberMatched: page.numberMatched,
      numberReturned: page.features.length,
      timeStamp: new Date().toISOString(),
      features: page.features.map((x) => featureOut(x, page.crs, crs)),
      links,
    };
    return send(req, reply.header('content-crs', contentCrs(crs)), f, doc, GEOJSON, `${c.title}: features ${offset + 1}–${offset + page.features.length} of ${page.numberMatched}`);
  });

  app.get<{ Params: z.output<typeof featureParams>; Querystring: ItemQuery }>(`${api.root}/collections/:collectionId/items/:featureId`, {
    schema: { tags, summary: 'One feature as GeoJSON', params: featureParams, querystring: itemQuery },
  }, async (req, reply) => {
    const c = collectionOf(req.params.collectionId);
    const { crs: crsText, f, ...own } = req.query;
    const crs = resolveCrs(crsText, crsList(c), 'crs');
    // The rest is what the API's own schema (I) validated.
    const found = await c.item(req.params.featureId, { crs, query: own as z.output<I> });
    if (!found) throw new AppError('not-found', `Collection '${c.id}' has no feature '${req.params.featureId}'`);
    const u = urls();
    const query = new URL(req.url, 'http://local').searchParams;
    query.delete('f');
    const self = query.size > 0 ? `?${query.toString()}` : '';
    const doc = {
      ...featureOut(found.feature, found.crs, crs),
      links: [
        { href: `${u.item(c.id, found.feature.id)}${self}`, rel: 'self', type: GEOJSON, title: 'This feature' },
        { href: u.collection(c.id), rel: 'collection', type: JSON_TYPE, title: c.title },
      ] satisfies Link[],
    };
    return send(req, reply.header('content-crs', contentCrs(crs)), f, doc, GEOJSON, `${c.title}: ${found.feature.id}`);
  });
}
