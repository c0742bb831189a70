import type { AppContext } from '../kernel/capability.js';
import { Authenticator } from './auth.js';

const byContext = new WeakMap<AppContext, Authenticator>();

/** One authenticator per running platform, shared by every capability's routes. */
export function authenticatorFor(ctx: AppContext): Authenticator {
  let auth = byContext.get(ctx);
  if (!auth) byContext.set(ctx, (auth = new Authenticator(ctx)));
  return auth;
}
