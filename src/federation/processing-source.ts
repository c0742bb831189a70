import { getOrganisation } from '../governance/index.js';
import type { ProcessingRecord, ProcessingSource } from '../registers/index.js';
import { present } from './contracts.js';
import { allContracts } from './store.js';

const UNKNOWN = 'onbekend';

/**
 * Contracts that share personal data are processing activities (AVG art. 30) of the
 * provider: their register id `contract:<id>` is the activity id the processing log
 * records for each exchange under them. Revoked and expired contracts stay listed,
 * because the log still refers to them.
 */
export const contractProcessingSource: ProcessingSource = {
  name: 'contracts',
  async *records(ctx) {
    const out: ProcessingRecord[] = [];
    for (const c of await allContracts(ctx.store)) {
      if (!c.personalData) continue;
      const provider = await getOrganisation(ctx.store, c.providerId);
      const consumer = await getOrganisation(ctx.store, c.consumerId);
      const record: ProcessingRecord = {
        id: `contract:${c.id}`,
        source: 'contracts',
        name: `${c.service.name} → ${consumer?.name ?? c.consumerId} (${present(c).state})`,
        href: `/api/v1/federation/contracts/${c.id}`,
        controller: provider ? { id: provider.id, name: provider.name } : { id: c.providerId, name: c.providerId },
        personalData: 'personal',
        purposes: [c.purpose],
        dataSubjects: [UNKNOWN],
        dataCategories: [UNKNOWN],
        recipients: [consumer?.name ?? c.consumerId],
        internationalTransfers: UNKNOWN,
        retention: UNKNOWN,
        legalBasis: c.legalBasis ?? UNKNOWN,
        securityMeasures: ['uitwisseling alleen over mutual TLS met een certificaat uit de federatie-CA, per contract en pad gecontroleerd, gelogd aan beide kanten (Logboek Dataverwerkingen)'],
        mandateIds: c.mandateIds,
        unknownFields: [],
      };
      record.unknownFields = Object.entries(record)
        .filter(([, v]) => v === UNKNOWN || (Array.isArray(v) && v.length === 1 && v[0] === UNKNOWN))
        .map(([k]) => k);
      out.push(record);
    }
    yield out;
  },
};
