import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { WindowLimiter } from './limiter.js';
import { stableSlowHash, type SlowKeyHash } from './slow-hash.js';
import type { Principal } from './principal.js';

/** Keys are 32 random bytes, so a plain SHA-256 is enough to store them safely. */
export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Longer than any key we issue: refused without a lookup. */
const MAX_KEY_LENGTH = 512;

/** Where the guard looks credentials up; the governance capability provides it. */
export interface CredentialSource {
  /** The organisation whose key has this SHA-256, unless the key was revoked. */
  apiKey(hash: string): Promise<{ organisationId: string; keyPrefix: string } | undefined>;
  /** The organisation registered with this OIN (a client certificate's subject serialNumber). */
  organisationByOin(oin: string): Promise<string | undefined>;
}

export interface AuthLimits {
  /** Failed authentications a client (IP address) may make per minute before every attempt is refused (429). */
  failuresPerMinute: number;
  /** Writes without a key (permit checks, what-applies-here) a client may make per minute. */
  anonymousWritesPerMinute: number;
}

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

const tooMany = (limiter: WindowLimiter, client: string, what: string): AppError =>
  new AppError('rate-limited', `${what}; try again in ${limiter.retryAfter(client)} s`).withHeaders({ 'retry-after': String(limiter.retryAfter(client)) });

/**
 * The platform's one authentication point, for every transport (HTTP, MQTT, federation):
 * turns presented credentials into a Principal, counts failures per client and refuses a
 * client that failed too often, and caps writes made without a key.
 */
export class AuthGuard {
  readonly failures: WindowLimiter;
  readonly anonymousWrites: WindowLimiter;
  readonly stats = { failures: 0, refusedByRate: 0 };

  constructor(
    private readonly adminKey: string,
    private readonly source: CredentialSource | undefined,
    limits: AuthLimits,
    private readonly log: Logger,
  ) {
    this.failures = new WindowLimiter(limits.failuresPerMinute);
    this.anonymousWrites = new WindowLimiter(limits.anonymousWritesPerMinute);
  }

  private failed(client: string, reason: string): AppError {
    this.stats.failures++;
    this.failures.take(client);
    this.log.warn({ client, reason }, 'authentication failed');
    return new AppError('unauthenticated', 'The API key is not known or has been revoked');
  }

  private refuseIfBlocked(client: string): void {
    if (!this.failures.blocked(client)) return;
    this.stats.refusedByRate++;
    throw tooMany(this.failures, client, 'Too many failed authentications from this address');
  }

  /** The principal an API key stands for; 401 when unknown or revoked, 429 when this client failed too often. */
  async apiKey(key: string, client: string): Promise<Principal> {
    this.refuseIfBlocked(client);
    if (key.length > 0 && key.length <= MAX_KEY_LENGTH && sameSecret(key, this.adminKey)) return { kind: 'admin', via: 'api-key' };
    const found = key.length > 0 && key.length <= MAX_KEY_LENGTH ? await this.source?.apiKey(hashKey(key)) : undefined;
    if (!found) throw this.failed(client, 'unknown or revoked API key');
    return { kind: 'organisation', organisationId: found.organisationId, keyPrefix: found.keyPrefix, via: 'api-key' };
  }

  /**
   * Whether the key a long-lived connection (MQTT) signed in with, by its SHA-256, still
   * stands for the same principal: a revoked key stops a connected device too.
   */
  async stillValid(p: Principal, keyHash: string): Promise<boolean> {
    if (p.kind === 'admin') return keyHash === hashKey(this.adminKey);
    const found = await this.source?.apiKey(keyHash);
    return !!found && found.organisationId === p.organisationId;
  }

  /** Credentials for the platform's own in-process clients (the demo replay over its own broker): the administrator's. */
  ownMqttCredentials(): { username: string; password: string } {
    return { username: 'admin', password: this.adminKey };
  }

  /** The administrator key's slow hash, for an external broker's password file (generated configuration). */
  adminSlowHash(): SlowKeyHash {
    return stableSlowHash(this.adminKey);
  }

  /** MQTT credentials: the username is the organisation the key belongs to (`admin` for the administrator key), the password the key. */
  async usernamePassword(username: string, password: string, client: string): Promise<Principal> {
    const p = await this.apiKey(password, client);
    const expected = p.kind === 'admin' ? 'admin' : p.organisationId;
    if (username !== expected) throw this.failed(client, 'username is not the organisation of the key');
    return p;
  }

  /** The organisation a verified client certificate speaks for (its subject serialNumber is the OIN). */
  async certificate(oin: string | undefined, client: string): Promise<Principal> {
    this.refuseIfBlocked(client);
    const organisationId = oin ? await this.source?.organisationByOin(oin) : undefined;
    if (!organisationId) throw this.failed(client, 'no organisation has the OIN of this certificate');
    return { kind: 'organisation', organisationId, via: 'certificate' };
  }

  private readonly routeBudgets = new Map<string, WindowLimiter>();

  /** Counts a write made without a key; 429 past the per-client budget (and the route's own, for costly work). */
  anonymousWrite(client: string, route?: { route: string; perMinute: number }): void {
    if (route) {
      let limiter = this.routeBudgets.get(route.route);
      if (!limiter) this.routeBudgets.set(route.route, (limiter = new WindowLimiter(route.perMinute)));
      if (!limiter.take(client)) {
        this.stats.refusedByRate++;
        throw tooMany(limiter, client, 'Too many requests of this kind without an API key from this address');
      }
    }
    if (this.anonymousWrites.take(client)) return;
    this.stats.refusedByRate++;
    throw tooMany(this.anonymousWrites, client, 'Too many requests without an API key from this address');
  }
}
