import { resolve } from 'node:path';
import { z } from 'zod';

/** Everything the platform reads from its environment, validated once at start. */
export const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('0.0.0.0'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  publicBaseUrl: z.string().url().optional(),
  /** The organisation whose register this is (the DCAT catalogue publisher); defaults to the first municipality. */
  catalogOwner: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be an organisation id').optional(),
  adminKey: z.string().min(24, 'must be at least 24 characters').optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  bodyLimit: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** Deepest nesting of arrays and objects a JSON body (HTTP or MQTT) may have. */
  jsonMaxDepth: z.coerce.number().int().min(4).max(1000).default(64),
  /** Failed authentications per client (IP address) and minute before every attempt is refused with 429; 0: no limit. */
  authFailuresPerMinute: z.coerce.number().int().min(0).default(20),
  /** Writes without a key (permit checks, rule queries with a body) per client and minute; 0: no limit. */
  anonymousWritesPerMinute: z.coerce.number().int().min(0).default(120),
  /** Behind a load balancer: take the client address from X-Forwarded-For (true, or the proxies' addresses, comma-separated). */
  trustProxy: z.string().regex(/^(true|false|[0-9a-fA-F.:/, ]+)$/, 'must be true, false or a list of proxy addresses').default('false'),
  /** Origins (comma-separated) whose pages may call the API with a key from a browser; reads are open to every origin. */
  corsOrigins: z.string().default(''),
  demo: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  shutdownTimeoutMs: z.coerce.number().int().min(0).default(10_000),
  /** Port of the embedded MQTT broker (0: any free port); ignored when mqttUrl is set. */
  mqttPort: z.coerce.number().int().min(0).max(65535).default(1883),
  /** An external broker (Mosquitto) instead of the embedded one. */
  mqttUrl: z.string().regex(/^mqtts?:\/\//, 'must be an mqtt:// or mqtts:// URL').optional(),
  /** With an external broker, devices publish under this prefix + their organisation id, readable only by the platform (broker ACL). */
  mqttIngestPrefix: z.string().regex(/^([A-Za-z0-9_-]+\/)*$/, "must be empty or end with '/', e.g. ingest/").default('ingest/'),
  /** With an external broker: where the platform keeps Mosquitto's password file and ACL up to date (regenerated when keys or Datastreams change). */
  mosquittoConfigDir: z.string().min(1).optional(),
  /** Mosquitto's pid file: the broker is sent SIGHUP to reload the files above when they change. */
  mosquittoPidFile: z.string().min(1).optional(),
  /** Speed of the demo's own parking replay (3600 = an hour of data per second); `0` or `off` turns it off. */
  liveReplaySpeed: z.string().regex(/^(off|\d+(\.\d+)?)$/i, 'must be a positive number, 0 or off').optional(),
  /** A MapLibre style URL drawn under the live map; none by default (no outside requests). */
  liveBasemapUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Server-side page size of the SensorThings API. */
  staMaxTop: z.coerce.number().int().min(1).max(10_000).default(100),
  /** How deep SensorThings `$expand` may nest (`Things?$expand=Datastreams/Observations` is 2). */
  staMaxExpandDepth: z.coerce.number().int().min(1).max(10).default(4),
  /** How many entities one SensorThings response may hold, expanded ones included. */
  staMaxEntities: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
  /** Largest MQTT packet the embedded broker accepts, in bytes (also written into the generated Mosquitto configuration). */
  mqttMaxPacketSize: z.coerce.number().int().min(1024).max(268_435_455).default(256 * 1024),
  /** How often a connected MQTT device's key is looked up again, in seconds: a revoked key stops it within this time. */
  mqttKeyRecheckSeconds: z.coerce.number().int().min(1).max(3600).default(60),
  /** A TLS listener of the embedded broker for devices with a client certificate (0: any free port); off when unset. */
  mqttTlsPort: z.coerce.number().int().min(0).max(65535).optional(),
  /** PEM files: the broker's certificate and key, and the CA whose client certificates it accepts. */
  mqttTlsCert: z.string().min(1).optional(),
  mqttTlsKey: z.string().min(1).optional(),
  mqttTlsCa: z.string().min(1).optional(),
  /** How long a pseudonymisation key lives before it is destroyed (ISO 8601, no years/months, at least PT1M). */
  pseudonymRotation: z.string().regex(/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'must be an ISO 8601 duration without years or months, e.g. P1D').default('P1D'),
  /** Port of the federation listener (mutual TLS, /federation/v1 only; 0: any free port); off when unset. */
  federationPort: z.coerce.number().int().min(0).max(65535).optional(),
  /** PEM files of this node's federation certificate (server and client alike), its key, and the federation's CA. */
  federationCert: z.string().min(1).optional(),
  federationKey: z.string().min(1).optional(),
  federationCa: z.string().min(1).optional(),
  /** How often observations past their Datastream's retention period are deleted (ISO 8601, no years/months). */
  retentionInterval: z.string().regex(/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'must be an ISO 8601 duration without years or months, e.g. PT1H').default('PT1H'),
});

export type Config = z.infer<typeof configSchema>;

const ENV_NAMES: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'THORBECKE_DATA_DIR',
  databaseUrl: 'THORBECKE_DATABASE_URL',
  publicBaseUrl: 'THORBECKE_PUBLIC_URL',
  adminKey: 'THORBECKE_ADMIN_KEY',
  catalogOwner: 'THORBECKE_CATALOG_OWNER',
  logLevel: 'THORBECKE_LOG_LEVEL',
  bodyLimit: 'THORBECKE_BODY_LIMIT',
  jsonMaxDepth: 'THORBECKE_JSON_MAX_DEPTH',
  authFailuresPerMinute: 'THORBECKE_AUTH_FAILURE_LIMIT',
  anonymousWritesPerMinute: 'THORBECKE_ANONYMOUS_WRITE_LIMIT',
  trustProxy: 'THORBECKE_TRUST_PROXY',
  corsOrigins: 'THORBECKE_CORS_ORIGINS',
  demo: 'THORBECKE_DEMO',
  shutdownTimeoutMs: 'THORBECKE_SHUTDOWN_TIMEOUT_MS',
  mqttPort: 'THORBECKE_MQTT_PORT',
  mqttUrl: 'THORBECKE_MQTT_URL',
  mqttIngestPrefix: 'THORBECKE_MQTT_INGEST_PREFIX',
  mosquittoConfigDir: 'THORBECKE_MOSQUITTO_CONFIG_DIR',
  mosquittoPidFile: 'THORBECKE_MOSQUITTO_PID_FILE',
  staMaxTop: 'THORBECKE_STA_MAX_TOP',
  staMaxExpandDepth: 'THORBECKE_STA_MAX_EXPAND_DEPTH',
  staMaxEntities: 'THORBECKE_STA_MAX_ENTITIES',
  mqttMaxPacketSize: 'THORBECKE_MQTT_MAX_PACKET_SIZE',
  mqttKeyRecheckSeconds: 'THORBECKE_MQTT_KEY_RECHECK',
  mqttTlsPort: 'THORBECKE_MQTT_TLS_PORT',
  mqttTlsCert: 'THORBECKE_MQTT_TLS_CERT',
  mqttTlsKey: 'THORBECKE_MQTT_TLS_KEY',
  mqttTlsCa: 'THORBECKE_MQTT_TLS_CA',
  liveReplaySpeed: 'THORBECKE_LIVE_REPLAY_SPEED',
  liveBasemapUrl: 'THORBECKE_LIVE_BASEMAP_URL',
  pseudonymRotation: 'THORBECKE_PSEUDONYM_ROTATION',
  retentionInterval: 'THORBECKE_RETENTION_INTERVAL',
  federationPort: 'THORBECKE_FEDERATION_PORT',
  federationCert: 'THORBECKE_FEDERATION_CERT',
  federationKey: 'THORBECKE_FEDERATION_KEY',
  federationCa: 'THORBECKE_FEDERATION_CA',
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from environment variables; empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]) as keyof Config;
        return `${ENV_NAMES[key] ?? key}: ${issue.message}`;
      }),
    );
  }
  // Overrides come from code (tests, CLI), already typed.
  const config = { ...parsed.data, ...overrides };
  return { ...config, dataDir: resolve(config.dataDir) };
}

/** Fastify's trustProxy from THORBECKE_TRUST_PROXY: a boolean, or the proxies' addresses. */
export function trustProxyOf(config: Pick<Config, 'trustProxy'>): boolean | string[] {
  const v = config.trustProxy.trim();
  if (v === 'true') return true;
  if (v === 'false' || v === '') return false;
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

export function baseUrlOf(config: Config): string {
  return (config.publicBaseUrl ?? `http://localhost:${config.port}`).replace(/\/$/, '');
}
