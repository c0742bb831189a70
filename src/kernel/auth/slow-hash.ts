import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';

/**
 * A salted PBKDF2-SHA512 of a key, made when the key is issued (the only time the key is
 * known in clear). It is what an external MQTT broker's password file needs (Mosquitto's
 * `$7$` entries are this hash), so devices use their API key as the MQTT password there too.
 */
export interface SlowKeyHash {
  iterations: number;
  /** Base64. */
  salt: string;
  /** Base64 of the 64-byte derived key. */
  hash: string;
}

/** Mosquitto's own tool uses 101 iterations and a 12-byte salt; its format carries the count, so we use more. */
const ITERATIONS = 1000;

export function slowKeyHash(key: string, salt: Buffer = randomBytes(12), iterations = ITERATIONS): SlowKeyHash {
  const hash = pbkdf2Sync(key, salt, iterations, 64, 'sha512');
  return { iterations, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

/**
 * The same hash on every call, for a secret that is kept (the administrator key, the
 * platform's broker password) rather than stored hashed: a generated password file then
 * changes only when a secret does. The salt comes from the secret; secrets here are 32
 * random bytes, so a salt that depends on them reveals nothing usable.
 */
export function stableSlowHash(secret: string): SlowKeyHash {
  return slowKeyHash(secret, createHash('sha256').update(`thorbecke-slow-hash-salt:${secret}`).digest().subarray(0, 12));
}
