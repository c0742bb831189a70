import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../capability.js';
import { requireAdminPrincipal, requireOwner, type Principal } from '../auth/index.js';
import { AppError } from '../errors.js';

/** Who may use a route, declared with the route (`config: { access, anonymous }`) and checked before validation. */
export type Access = 'admin' | ((req: FastifyRequest) => OwnerIds | Promise<OwnerIds>);
/** The owning organisation(s) of what a request changes; null: owned by the platform; undefined: nothing to check (not found). */
export type OwnerIds = string | null | undefined | ReadonlyArray<string | null>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request acts for, when it carried valid credentials. */
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /**
     * A write anyone may make without a key (a permit check, a query with a body), capped per
     * client: the platform's budget, or a smaller one of the route's own for costly work.
     */
    anonymous?: true | { perMinute: number };
    /** Who may call the route: the administrator, or the owner(s) of the item it changes. */
    access?: Access;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^bearer\s+/i.test(header)) return header.replace(/^bearer\s+/i, '').trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

/** The principal of an authenticated request; 401 when it carried no credentials. */
export function requirePrincipal(req: FastifyRequest): Principal {
  if (req.principal) return req.principal;
  throw new AppError('unauthenticated', 'Send an API key as "Authorization: Bearer <key>" or "X-Api-Key: <key>"');
}

export function requireAdmin(req: FastifyRequest): Principal {
  const p = requirePrincipal(req);
  requireAdminPrincipal(p);
  return p;
}

/** The administrator, or a key of one of the given organisations. */
export function requireOrganisation(req: FastifyRequest, ...owners: ReadonlyArray<string | null>): Principal {
  const p = requirePrincipal(req);
  for (const owner of owners) requireOwner(p, owner, 'this');
  return p;
}

/**
 * Authentication comes first, for every request, before the body is even read: presented
 * credentials are checked (401 when wrong, 429 after too many failures from one client),
 * and a write without credentials is refused unless its route is declared anonymous. Then,
 * before validation, the route's declared access: the administrator or the item's owner.
 */
export function installAuthentication(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (req) => {
    const key = presentedKey(req);
    if (key !== undefined) {
      req.principal = await ctx.auth.apiKey(key, req.ip);
      return;
    }
    if (!WRITES.has(req.method)) return;
    const anonymous = req.routeOptions.config.anonymous;
    if (anonymous) return ctx.auth.anonymousWrite(req.ip, anonymous === true ? undefined : { route: req.routeOptions.url ?? '', perMinute: anonymous.perMinute });
    requirePrincipal(req);
  });
  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access) return;
    if (access === 'admin') return void requireAdmin(req);
    const p = requirePrincipal(req);
    const owners = await access(req);
    if (owners === undefined) return;
    for (const owner of typeof owners === 'string' || owners === null ? [owners] : owners) requireOwner(p, owner, 'this');
  });
}

/** Access for a create: the organisation the body names in `field` (validation refuses a body without it). */
export function bodyOwner(field: string): Access {
  return (req) => {
    const named = (req.body as Record<string, unknown> | undefined)?.[field];
    return typeof named === 'string' ? named : undefined;
  };
}

/**
 * Access for a change of a stored item, found by the `id` path parameter: its owner, and
 * the owner a replacement body names in `bodyField` (moving an item needs both keys' rights).
 */
export function storedOwner(ownerOf: (id: string) => Promise<string | null | undefined>, bodyField?: string): Access {
  return async (req) => {
    const owner = await ownerOf((req.params as { id: string }).id);
    if (owner === undefined) return undefined;
    const named = bodyField ? (req.body as Record<string, unknown> | undefined)?.[bodyField] : undefined;
    return typeof named === 'string' ? [owner, named] : [owner];
  };
}

/** Whether the request may see an item's internal fields: a key of its owner, or the administrator. */
export function mayReadInternal(req: FastifyRequest, ownerId: string): boolean {
  const p = req.principal;
  return !!p && (p.kind === 'admin' || p.organisationId === ownerId);
}
