import type { FastifyInstance } from 'fastify';
import type { AuthGuard, CredentialSource } from './auth/index.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { Migration, Store } from './storage/port.js';

/** What every capability is handed: nothing global, everything here. */
export interface AppContext {
  config: Config;
  store: Store;
  log: Logger;
  /** Public base URL, used in links and RDF identifiers. */
  baseUrl: string;
  /** The one authentication point for every transport (HTTP, MQTT, federation). */
  auth: AuthGuard;
}

/** A CLI command a capability adds: `thorbecke <group> <name> ...args`. */
export interface CliCommand {
  group: string;
  name: string;
  usage: string;
  summary: string;
  run(ctx: AppContext, args: string[]): Promise<number>;
}

/**
 * A capability plugs into the platform by exporting one of these from its index.ts
 * and being listed in src/app/capabilities.ts.
 */
export interface Capability {
  name: string;
  /** OpenAPI tag for its routes. */
  tag: { name: string; description: string };
  migrations: readonly Migration[];
  /** Registers routes under /api/v1 (the prefix is applied by the server). */
  routes?(app: FastifyInstance, ctx: AppContext): Promise<void>;
  /** Registers routes outside /api/v1, for standards that fix their own URL layout (SensorThings at /sta/v1.1). */
  mount?(app: FastifyInstance, ctx: AppContext): Promise<void>;
  /** Starts what runs beside HTTP (an MQTT broker); called once the server listens. */
  start?(ctx: AppContext): Promise<{ stop(): Promise<void>; info?: Record<string, unknown> }>;
  /** Loads demo content; must be idempotent (called on every start with demo on). */
  seedDemo?(ctx: AppContext): Promise<void>;
  commands?: readonly CliCommand[];
  /** Where credentials are looked up (API keys, OINs): the capability that issues them declares this. */
  credentials?(ctx: Pick<AppContext, 'store'>): CredentialSource;
}
