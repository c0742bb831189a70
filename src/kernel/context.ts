import { AuthGuard, loadAdminKey } from './auth/index.js';
import type { AppContext, Capability } from './capability.js';
import { baseUrlOf, type Config } from './config.js';
import type { Logger } from './log.js';
import type { Store } from './storage/port.js';

/**
 * The context capabilities are handed, with its authentication guard: the administrator
 * key is loaded or made now, before any request, and API keys are looked up where the
 * capability that issues them (governance) says. Without such a capability only the
 * administrator key is known (engine benchmarks).
 */
export function createContext(config: Config, store: Store, log: Logger, capabilities: readonly Capability[] = [], baseUrl = baseUrlOf(config)): AppContext {
  const credentials = capabilities.find((c) => c.credentials)?.credentials?.({ store });
  const limits = { failuresPerMinute: config.authFailuresPerMinute, anonymousWritesPerMinute: config.anonymousWritesPerMinute };
  return { config, store, log, baseUrl, auth: new AuthGuard(loadAdminKey(config, log), credentials, limits, log) };
}
