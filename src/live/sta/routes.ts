import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../kernel/auth/index.js';
import { recordAudit } from '../../kernel/audit/index.js';
import type { AppContext } from '../../kernel/capability.js';
import { AppError } from '../../kernel/errors.js';
import { requirePrincipal } from '../../kernel/http/authentication.js';
import { sendProblem } from '../../kernel/http/problem.js';
import { createObservations } from './create-observations.js';
import { dialectFor } from './dialect/index.js';
import { changeFeedOf } from './events.js';
import { ENTITIES, ENTITY_LIST } from './entities.js';
import { propertyValue, selfLink, type Json } from './format.js';
import { isSingle, parsePath, scopeOf, type ResourcePath } from './path.js';
import { expandDepth, parseQueryString } from './query/options.js';
import { badQuery, unsupported } from './query/errors.js';
import { readCollection, readOne, toDataArray, type Reader } from './read.js';
import { ingestPrivacy } from './ingest.js';
import { Writer } from './write.js';

export interface StaOptions {
  /** Where the lead mounts the plugin; used for absolute links. */
  prefix?: string;
  /** Server-side page size limit ($top is capped at it; default page size). */
  maxTop?: number;
  /** Body limit for STA writes (CreateObservations batches are large). */
  bodyLimit?: number;
  /** How deep `$expand` may nest. */
  maxExpandDepth?: number;
  /** How many entities one response may hold, expanded ones included. */
  maxEntities?: number;
}

export const CONFORMANCE = [
  'http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel',
  'http://www.opengis.net/spec/iot_sensing/1.1/req/resource-path/resource-path-to-entities',
  'http://www.opengis.net/spec/iot_sensing/1.1/req/request-data',
  'http://www.opengis.net/spec/iot_sensing/1.1/req/create-update-delete',
  'http://www.opengis.net/spec/iot_sensing/1.1/req/data-array/data-array',
];

const send = (reply: FastifyReply, status: number, body: unknown) =>
  reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));

/** Past this many entities a collection is written entity by entity, not as one string. */
const STREAM_FROM = 200;

/**
 * A collection answer: `{...head, value: [...], ...tail}`. Large ones are streamed, so
 * the process never holds a second, serialised copy of a big response at once.
 */
function sendCollection(reply: FastifyReply, head: Json, value: readonly unknown[], tail: Json = {}) {
  reply.status(200).type('application/json; charset=utf-8');
  if (value.length < STREAM_FROM) return reply.send(JSON.stringify({ ...head, value, ...tail }));
  const open = JSON.stringify(head).slice(0, -1);
  const close = JSON.stringify(tail).slice(1);
  function* chunks(): Generator<string> {
    yield `${open}${open.length > 1 ? ',' : ''}"value":[`;
    for (let i = 0; i < value.length; i++) yield (i ? ',' : '') + JSON.stringify(value[i]);
    yield `]${close.length > 1 ? ',' : ''}${close}`;
  }
  return reply.send(Readable.from(chunks()));
}

/**
 * The SensorThings API 1.1 Sensing part as a fastify plugin; the platform mounts it at
 * the root with prefix /sta/v1.1 (outside /api/v1, where the spec's URLs cannot live).
 * Reads are public; writes need an API key (any organisation, or the administrator).
 */
export async function staPlugin(app: FastifyInstance, ctx: AppContext, options: StaOptions = {}): Promise<void> {
  const prefix = options.prefix ?? '/sta/v1.1';
  const maxTop = options.maxTop ?? 100;
  const maxExpandDepth = options.maxExpandDepth ?? 4;
  const maxEntities = options.maxEntities ?? 20_000;
  const d = dialectFor(ctx.store);
  const root = () => `${ctx.baseUrl.replace(/\/$/, '')}${prefix}`;
  const reader = (): Reader => ({ db: ctx.store, dialect: d, root: root(), maxTop, budget: { left: maxEntities, limit: maxEntities } });

  // Node's JSON.parse message quotes the body, which may hold identifiers: answer without it.
  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, isJsonSyntax(error) ? new AppError('malformed-json', 'The body is not well-formed JSON') : error));
  const privacy = ingestPrivacy(ctx);
  const feed = changeFeedOf(ctx.store);
  /**
   * Runs a write for `principal` in one transaction, with its audit trail; what it created
   * or changed is told to subscribers only once committed.
   */
  async function write<T>(principal: Principal, work: (w: Writer) => Promise<T>): Promise<T> {
    let writer: Writer | undefined;
    const out = await ctx.store.transaction(async (tx) => {
      writer = new Writer(tx, d, principal, privacy);
      const result = await work(writer);
      await recordAudit(tx, principal, writer.audit);
      return result;
    });
    feed.emit(writer!.changes);
    return out;
  }

  app.get('/', { schema: { hide: true } }, async (_req, reply) => {
    const base = root();
    return send(reply, 200, {
      value: [...ENTITY_LIST.map((e) => ({ name: e.set, url: `${base}/${e.set}` }))],
      serverSettings: { conformance: CONFORMANCE },
    });
  });

  app.route({
    method: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    url: '/*',
    bodyLimit: options.bodyLimit ?? 32 * 1024 * 1024,
    schema: { hide: true },
    handler: async (req, reply) => {
      const [pathPart, search = ''] = req.url.split('?', 2) as [string, string?];
      const wildcard = (req.params as { '*': string })['*'];
      let decoded: string;
      try {
        decoded = decodeURIComponent(wildcard);
      } catch {
        throw new AppError('not-found', `No SensorThings resource at '${pathPart}'`);
      }
      const path = parsePath(decoded);
      switch (req.method) {
        case 'GET':
          return get(req, reply, path, decoded, search);
        // The kernel authenticated every write before the body was read; the writer checks owners.
        case 'POST':
          return post(req, reply, path, requirePrincipal(req));
        case 'PATCH':
          return patch(req, reply, path, requirePrincipal(req));
        case 'DELETE':
          return remove(reply, path, requirePrincipal(req));
        default:
          throw unsupported('PUT (replace); use PATCH');
      }
    },
  });

  async function get(_req: FastifyRequest, reply: FastifyReply, path: ResourcePath, decoded: string, search: string) {
    if (path.action) throw new AppError('method-not-allowed', 'CreateObservations accepts POST only');
    const opts = parseQueryString(search);
    if (expandDepth(opts) > maxExpandDepth) throw badQuery('$expand', `nests ${expandDepth(opts)} levels deep; at most ${maxExpandDepth} are served (THORBECKE_STA_MAX_EXPAND_DEPTH)`);
    const r = reader();
    const last = path.steps[path.steps.length - 1]!;
    if (isSingle(path.steps)) {
      if (path.property) {
        const one = await readOne(r, last.entity, scopeOf(path.steps), { raw: {} });
        if (!one) throw new AppError('not-found', `No entity at '${decoded}'`);
        const value = propertyValue(last.entity, path.property, one.row);
        if (path.value) {
          return reply.status(200).type('text/plain; charset=utf-8').send(typeof value === 'string' ? value : JSON.stringify(value));
        }
        return send(reply, 200, { [path.property]: value });
      }
      const one = await readOne(r, last.entity, scopeOf(path.steps), path.ref ? { raw: {} } : opts);
      if (!one) throw new AppError('not-found', `No entity at '${decoded}'`);
      if (path.ref) return send(reply, 200, { '@iot.selfLink': one.json['@iot.selfLink'] });
      return send(reply, 200, one.json);
    }
    // A collection under a missing entity is a 404, not an empty list.
    if (path.steps.length > 1) {
      const parentSteps = path.steps.slice(0, -1);
      if (!(await readOne(r, parentSteps[parentSteps.length - 1]!.entity, scopeOf(parentSteps), { raw: {} }))) {
        throw new AppError('not-found', `No entity at '${decoded.split('/').slice(0, -1).join('/')}'`);
      }
    }
    if (opts.resultFormat === 'dataArray' && last.entity.name !== 'Observation') throw badQuery('$resultFormat', 'dataArray is offered for Observations only');
    const linkBase = `${r.root}/${decoded.replace(/^\/+/, '')}`;
    if (path.ref) {
      const res = await readCollection(r, last.entity, scopeOf(path.steps), { ...opts, select: ['id'], expand: [] }, linkBase);
      const out: Json = {};
      if (res.count !== undefined) out['@iot.count'] = res.count;
      out.value = res.value.map((v) => ({ '@iot.selfLink': v['@iot.selfLink'] }));
      if (res.nextLink) out['@iot.nextLink'] = res.nextLink;
      return send(reply, 200, out);
    }
    if (opts.resultFormat === 'dataArray') {
      const res = await readCollection(r, last.entity, scopeOf(path.steps), { ...opts, select: undefined, expand: [] }, linkBase);
      return send(reply, 200, toDataArray(r, res, opts));
    }
    const res = await readCollection(r, last.entity, scopeOf(path.steps), opts, linkBase);
    const head: Json = {};
    if (res.count !== undefined) head['@iot.count'] = res.count;
    if (res.nextLink) head['@iot.nextLink'] = res.nextLink;
    return sendCollection(reply, head, res.value);
  }

  async function created(reply: FastifyReply, entity: (typeof ENTITY_LIST)[number], id: number) {
    const one = await readOne(reader(), entity, { where: (a) => ({ text: `${a}.id = ?`, params: [id] }) }, { raw: {} });
    const link = selfLink(root(), entity, id);
    return send(reply.header('location', link), 201, one?.json ?? { '@iot.id': id, '@iot.selfLink': link });
  }

  async function post(req: FastifyRequest, reply: FastifyReply, path: ResourcePath, principal: Principal) {
    if (path.action === 'CreateObservations') {
      const base = `${root()}/${ENTITIES.Observation.set}(`;
      const links = await createObservations(ctx.store, d, req.body, (id) => `${base}${id})`, principal, privacy);
      return send(reply, 201, links);
    }
    if (path.property || path.ref) throw new AppError('method-not-allowed', 'POST to a collection');
    const steps = path.steps;
    const last = steps[steps.length - 1]!;
    if (last.id !== undefined || last.nav?.kind === 'one') throw new AppError('method-not-allowed', 'POST creates entities in a collection; use PATCH to change one');
    if (steps.length === 1) {
      const id = await write(principal, (w) => w.create(last.entity, req.body));
      return created(reply, last.entity, id);
    }
    const parent = steps[steps.length - 2]!;
    if (steps.length !== 2 || parent.id === undefined) throw new AppError('method-not-allowed', 'POST to a collection of one entity, e.g. Things(1)/Datastreams');
    const parentId = parent.id;
    const id = await write(principal, async (w) => {
      if (!(await w.db.one(`SELECT 1 AS ok FROM ${parent.entity.table} WHERE id = ?`, [parentId]))) throw new AppError('not-found', `${parent.entity.name} ${parentId} does not exist`);
      return w.createChild(parent.entity, last.nav!.name, parentId, req.body, '');
    });
    return created(reply, last.entity, id);
  }

  function singleById(path: ResourcePath, verb: string) {
    const only = path.steps[0]!;
    if (path.steps.length !== 1 || only.id === undefined || path.property || path.ref) {
      if (path.ref) throw unsupported(`${verb} on $ref`);
      throw new AppError('method-not-allowed', `${verb} works on one entity addressed as Set(id), e.g. Things(1)`);
    }
    return { entity: only.entity, id: only.id };
  }

  async function patch(req: FastifyRequest, reply: FastifyReply, path: ResourcePath, principal: Principal) {
    const { entity, id } = singleById(path, 'PATCH');
    await write(principal, (w) => w.update(entity, id, req.body));
    const one = await readOne(reader(), entity, { where: (a) => ({ text: `${a}.id = ?`, params: [id] }) }, { raw: {} });
    return send(reply, 200, one!.json);
  }

  async function remove(reply: FastifyReply, path: ResourcePath, principal: Principal) {
    const { entity, id } = singleById(path, 'DELETE');
    await write(principal, (w) => w.remove(entity, id));
    return reply.status(200).send();
  }
}

function isJsonSyntax(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return error instanceof SyntaxError || e?.code === 'FST_ERR_CTP_INVALID_JSON_BODY';
}
