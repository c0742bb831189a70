import type { AppContext } from '../../kernel/capability.js';
import type { TraceabilitySource } from '../traceability/sources.js';
import { allSensors } from './register.js';

/** Sensors in the traceability report: live Things and registered devices alike. */
export const sensorTraceSource: TraceabilitySource = {
  name: 'registers-sensors',
  kind: 'sensor',
  async *items(ctx: AppContext, hint) {
    const entries = await allSensors(ctx.store, ctx.baseUrl);
    yield entries
      .filter((e) => !hint.owner || e.ownerId === hint.owner)
      .map((e) => ({ kind: 'sensor' as const, id: e.id, title: e.name, ownerId: e.ownerId ?? '', mandateIds: e.mandateIds, href: `/api/v1/registers/sensors/${e.id}` }));
  },
};
