export { adminKeyFile, loadAdminKey } from './admin-key.js';
export { AuthGuard, hashKey, type AuthLimits, type CredentialSource } from './guard.js';
export { WindowLimiter } from './limiter.js';
export { actorOf, isAdmin, organisationOf, owns, requireAdminPrincipal, requireOwner, type CredentialKind, type Principal } from './principal.js';
export { slowKeyHash, stableSlowHash, type SlowKeyHash } from './slow-hash.js';
