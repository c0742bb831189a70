import { getOrganisation } from '../../governance/index.js';
import type { AppContext } from '../../kernel/capability.js';
import type { ProcessingRecord } from '../processing/model.js';
import type { ProcessingSource } from '../processing/sources.js';
import { allSensors } from './register.js';

const UNKNOWN = 'onbekend';
const CLASSES = new Set(['pseudonymised', 'personal', 'special-category']);

/**
 * Art. 30 records for the sensor streams that process personal data, generated from their
 * declarations (live Datastreams) or registration (devices): what really runs is what is
 * registered. A stream that says it holds personal data without a class counts as 'personal'.
 */
export const sensorProcessingSource: ProcessingSource = {
  name: 'sensors',
  async *records(ctx: AppContext) {
    const out: ProcessingRecord[] = [];
    for (const sensor of await allSensors(ctx.store, ctx.baseUrl)) {
      const streams = sensor.streams.length ? sensor.streams : [{ name: sensor.name, personalData: sensor.personalData, personalDataClass: sensor.personalDataClass, purpose: sensor.purpose, legalBasis: sensor.legalBasis, retention: sensor.retention, mandateIds: sensor.mandateIds, identifierFields: undefined as string[] | undefined }];
      for (const [i, s] of streams.entries()) {
        if (s.personalData !== true) continue;
        const owner = sensor.ownerId ? await getOrganisation(ctx.store, sensor.ownerId) : undefined;
        const cls = s.personalDataClass && CLASSES.has(s.personalDataClass) ? (s.personalDataClass as ProcessingRecord['personalData']) : 'personal';
        const identifiers = s.identifierFields ?? [];
        const record: ProcessingRecord = {
          id: `sensor:${sensor.id}:${i}`,
          source: 'sensors',
          // A device without streams of its own is its single stream: its name once.
          name: s.name === sensor.name ? sensor.name : `${sensor.name} — ${s.name}`,
          href: `/api/v1/registers/sensors/${sensor.id}`,
          controller: owner ? { id: owner.id, name: owner.name } : { id: UNKNOWN, name: UNKNOWN },
          personalData: cls,
          purposes: s.purpose ? [s.purpose] : [UNKNOWN],
          dataSubjects: [UNKNOWN],
          dataCategories: identifiers.length ? identifiers.map((f) => `${f} (gepseudonimiseerd bij ontvangst)`) : [UNKNOWN],
          recipients: [UNKNOWN],
          internationalTransfers: UNKNOWN,
          retention: s.retention ?? UNKNOWN,
          legalBasis: s.legalBasis ?? UNKNOWN,
          securityMeasures: identifiers.length ? ['kenmerken vervangen door een sleutel-pseudoniem vóór opslag; sleutels worden na elke periode vernietigd'] : [UNKNOWN],
          mandateIds: s.mandateIds,
          unknownFields: [],
        };
        record.unknownFields = Object.entries(record)
          .filter(([, v]) => v === UNKNOWN || (Array.isArray(v) && v.length === 1 && v[0] === UNKNOWN) || (typeof v === 'object' && v !== null && 'id' in v && (v as { id: string }).id === UNKNOWN))
          .map(([k]) => k);
        out.push(record);
      }
    }
    yield out;
  },
};
