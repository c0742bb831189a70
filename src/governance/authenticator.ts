import { perPlatform } from '../kernel/per-platform.js';
import { Authenticator } from './auth.js';

/** One authenticator per running platform, shared by every capability's routes. */
export const authenticatorFor = perPlatform((ctx) => new Authenticator(ctx));
