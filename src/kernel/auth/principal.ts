import { AppError } from '../errors.js';

/** How a caller proved who it is. */
export type CredentialKind = 'api-key' | 'certificate';

/** Who a request or an MQTT connection acts for. */
export type Principal =
  | { kind: 'admin'; via: CredentialKind }
  | { kind: 'organisation'; organisationId: string; via: CredentialKind; keyPrefix?: string };

export const isAdmin = (p: Principal | undefined): boolean => p?.kind === 'admin';

/** The organisation a principal acts for; undefined for the administrator. */
export const organisationOf = (p: Principal): string | undefined => (p.kind === 'organisation' ? p.organisationId : undefined);

/** Whether the principal may change an item owned by `ownerId` (null: owned by the platform, the administrator only). */
export function owns(p: Principal, ownerId: string | null | undefined): boolean {
  return p.kind === 'admin' || (!!ownerId && p.organisationId === ownerId);
}

export function requireOwner(p: Principal, ownerId: string | null | undefined, what: string): void {
  if (owns(p, ownerId)) return;
  throw new AppError('forbidden', ownerId ? `Only keys of organisation '${ownerId}' may change ${what}` : `Only the platform administrator may change ${what}`);
}

export function requireAdminPrincipal(p: Principal): void {
  if (p.kind !== 'admin') throw new AppError('forbidden', 'Only the platform administrator may do this');
}

/** A short, stable name for logs and the audit trail: `admin` or `<organisation>[:<key prefix>]`. */
export function actorOf(p: Principal): string {
  if (p.kind === 'admin') return 'admin';
  return p.keyPrefix ? `${p.organisationId}:${p.keyPrefix}` : p.organisationId;
}
