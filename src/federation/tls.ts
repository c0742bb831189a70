import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { ConfigError, type Config } from '../kernel/config.js';

/** This node's federation identity: one certificate for serving and for calling, as in FSC. */
export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  ca: Buffer;
  /** SHA-256 of the certificate, 64 lower-case hex digits: how the directory names this node. */
  fingerprint: string;
}

/** `AB:CD:..` (Node, openssl) to the directory's form. */
export const normaliseFingerprint = (fp: string): string => fp.replace(/:/g, '').toLowerCase();

export function federationConfigured(config: Config): boolean {
  return Boolean(config.federationCert && config.federationKey && config.federationCa);
}

/** Reads the PEM files named in the configuration; each call reads them again, so a renewed certificate is picked up. */
export function loadTlsMaterial(config: Config): TlsMaterial {
  const missing = (['federationCert', 'federationKey', 'federationCa'] as const)
    .filter((k) => !config[k])
    .map((k) => `THORBECKE_FEDERATION_${k.slice('federation'.length).toUpperCase()}: required for federation`);
  if (missing.length) throw new ConfigError(missing);
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new ConfigError([`${name}: cannot read '${path}' (${(error as Error).message})`]);
    }
  };
  const cert = read('THORBECKE_FEDERATION_CERT', config.federationCert!);
  const key = read('THORBECKE_FEDERATION_KEY', config.federationKey!);
  const ca = read('THORBECKE_FEDERATION_CA', config.federationCa!);
  return { cert, key, ca, fingerprint: normaliseFingerprint(new X509Certificate(cert).fingerprint256) };
}
