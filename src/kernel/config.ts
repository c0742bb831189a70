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
  demo: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  shutdownTimeoutMs: z.coerce.number().int().min(0).default(10_000),
  /** Port of the embedded MQTT broker (0: any free port); ignored when mqttUrl is set. */
  mqttPort: z.coerce.number().int().min(0).max(65535).default(1883),
  /** An external broker (Mosquitto) instead of the embedded one. */
  mqttUrl: z.string().regex(/^mqtts?:\/\//, 'must be an mqtt:// or mqtts:// URL').optional(),
  /** With an external broker, devices publish under this prefix, readable only by the platform (broker ACL). */
  mqttIngestPrefix: z.string().default('ingest/'),
  /** Speed of the demo's own parking replay (3600 = an hour of data per second); `0` or `off` turns it off. */
  liveReplaySpeed: z.string().regex(/^(off|\d+(\.\d+)?)$/i, 'must be a positive number, 0 or off').optional(),
  /** A MapLibre style URL drawn under the live map; none by default (no outside requests). */
  liveBasemapUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Server-side page size of the SensorThings API. */
  staMaxTop: z.coerce.number().int().min(1).max(10_000).default(100),
  /** How long a pseudonymisation key lives before it is destroyed (ISO 8601, no years/months, at least PT1M). */
  pseudonymRotation: z.string().regex(/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'must be an ISO 8601 duration without years or months, e.g. P1D').default('P1D'),
  /** How often observations past their Datastream's retention period are deleted (ISO 8601, no years/months). */
  /** Port of the federation listener (mutual TLS, /federation/v1 only; 0: any free port); off when unset. */
  federationPort: z.coerce.number().int().min(0).max(65535).optional(),
  /** PEM files of this node's federation certificate (server and client alike), its key, and the federation's CA. */
  federationCert: z.string().min(1).optional(),
  federationKey: z.string().min(1).optional(),
  federationCa: z.string().min(1).optional(),
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
  demo: 'THORBECKE_DEMO',
  shutdownTimeoutMs: 'THORBECKE_SHUTDOWN_TIMEOUT_MS',
  mqttPort: 'THORBECKE_MQTT_PORT',
  mqttUrl: 'THORBECKE_MQTT_URL',
  mqttIngestPrefix: 'THORBECKE_MQTT_INGEST_PREFIX',
  staMaxTop: 'THORBECKE_STA_MAX_TOP',
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

export function baseUrlOf(config: Config): string {
  return (config.publicBaseUrl ?? `http://localhost:${config.port}`).replace(/\/$/, '');
}
