import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../kernel/capability.js';
import { AppError } from '../kernel/errors.js';
import { findKey } from './store.js';

export type Principal = { kind: 'admin' } | { kind: 'organisation'; organisationId: string; keyPrefix: string };

/** Keys are 32 random bytes, so a plain SHA-256 is enough to store them safely. */
export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export function generateKey(): { key: string; prefix: string } {
  const prefix = randomBytes(4).toString('hex');
  return { key: `tbk_${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** The administrator key: from THORBECKE_ADMIN_KEY, else made once and kept in the data directory. */
export function loadAdminKey(ctx: Pick<AppContext, 'config' | 'log'>): string {
  if (ctx.config.adminKey) return ctx.config.adminKey;
  const file = join(ctx.config.dataDir, 'admin-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(ctx.config.dataDir, { recursive: true });
  const key = `tba_${randomBytes(32).toString('base64url')}`;
  writeFileSync(file, key + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  ctx.log.info({ file }, 'created the administrator API key');
  return key;
}

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^bearer\s+/i.test(header)) return header.replace(/^bearer\s+/i, '').trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export class Authenticator {
  private adminKey: string | undefined;

  constructor(private readonly ctx: AppContext) {}

  private admin(): string {
    this.adminKey ??= loadAdminKey(this.ctx);
    return this.adminKey;
  }

  async principal(request: FastifyRequest): Promise<Principal | undefined> {
    const key = presentedKey(request);
    if (!key) return undefined;
    if (sameSecret(key, this.admin())) return { kind: 'admin' };
    const stored = await findKey(this.ctx.store, hashKey(key));
    if (!stored) throw new AppError('unauthenticated', 'The API key is not known or has been revoked');
    return { kind: 'organisation', organisationId: stored.organisationId, keyPrefix: stored.prefix };
  }

  async require(request: FastifyRequest): Promise<Principal> {
    const p = await this.principal(request);
    if (!p) throw new AppError('unauthenticated', 'Send an API key as "Authorization: Bearer <key>" or "X-Api-Key: <key>"');
    return p;
  }

  async requireAdmin(request: FastifyRequest): Promise<void> {
    const p = await this.require(request);
    if (p.kind !== 'admin') throw new AppError('forbidden', 'Only the platform administrator may do this');
  }

  /** The administrator, or a key of the given organisation. */
  async requireOrganisation(request: FastifyRequest, organisationId: string): Promise<Principal> {
    const p = await this.require(request);
    if (p.kind === 'admin' || p.organisationId === organisationId) return p;
    throw new AppError('forbidden', `Only keys of organisation '${organisationId}' may change this`);
  }
}
