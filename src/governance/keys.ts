import { randomBytes } from 'node:crypto';

export function generateKey(): { key: string; prefix: string } {
  const prefix = randomBytes(4).toString('hex');
  return { key: `tbk_${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

export { hashKey, slowKeyHash } from '../kernel/auth/index.js';
