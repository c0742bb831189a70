import type { FastifyRequest } from 'fastify';
import type { authenticatorFor } from '../../governance/index.js';

/**
 * Whether this request may see an entry's internal fields: only a key of the owning
 * organisation or the administrator. No key (or another organisation's) sees the public
 * document; an unknown key is still an error (401), as on every route.
 */
export async function mayReadInternal(auth: ReturnType<typeof authenticatorFor>, req: FastifyRequest, ownerId: string): Promise<boolean> {
  const p = await auth.principal(req);
  return !!p && (p.kind === 'admin' || p.organisationId === ownerId);
}
