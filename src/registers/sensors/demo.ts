import type { AppContext } from '../../kernel/capability.js';
import type { DeviceInput } from './model.js';
import { saveDevice } from './register.js';
import * as store from './store.js';

/**
 * Demo devices registered without data flowing in. The live demo already brings the real
 * Delft garages and Amsterdam air quality stations as Things, so these two are examples,
 * marked so: a camera processing personal data without a legal basis (flagged) and a
 * counting camera whose personal data rests on a legal basis and a council decision.
 */
export const DEMO_DEVICES: DeviceInput[] = [
  {
    id: 'voorbeeld-delft-kentekencamera-zuidpoort',
    ownerId: 'gemeente-delft',
    name: 'Voorbeeld: kentekencamera inrit Zuidpoortgarage',
    description: 'Voorbeeld van een camera die kentekens leest, zonder vastgelegde rechtsgrond.',
    category: 'camera',
    theme: 'parkeren',
    location: { latitude: 52.00785, longitude: 4.3627 },
    observes: [{ name: 'Kenteken' }, { name: 'Tijdstip in- en uitrijden' }],
    personalData: true,
    personalDataClass: 'direct identificerend (kenteken)',
    purpose: 'Toegang en betaling bij de garage',
    retention: '90 dagen',
    public: false,
    openData: false,
    example: true,
  },
  {
    id: 'voorbeeld-amsterdam-passantentelling-dam',
    ownerId: 'gemeente-amsterdam',
    name: 'Voorbeeld: passantentelling Dam',
    description: 'Voorbeeld van een telcamera die alleen aantallen doorgeeft; beelden worden op het apparaat verwerkt en niet bewaard.',
    category: 'camera',
    theme: 'drukte',
    location: { latitude: 52.37308, longitude: 4.89245 },
    observes: [{ name: 'Aantal passanten per minuut' }],
    personalData: true,
    personalDataClass: 'verwerkt op het apparaat, alleen aantallen bewaard',
    purpose: 'Drukte in de binnenstad meten voor crowd management',
    legalBasis: 'AVG art. 6(1)(e): taak van algemeen belang (Gemeentewet art. 172)',
    retention: 'Aantallen 1 jaar; beelden niet bewaard',
    mandateIds: ['raad-amsterdam-sensorregister'],
    public: true,
    openData: true,
    example: true,
  },
];

/** Idempotent: a device that exists is left alone; one whose owner or mandate is missing is skipped. */
export async function seedSensorDemo(ctx: AppContext): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    for (const d of DEMO_DEVICES) {
      if (await store.getDevice(tx, d.id!)) continue;
      try {
        await saveDevice(tx, d);
      } catch (error) {
        ctx.log.warn({ device: d.id, error: (error as Error).message }, 'demo sensor device skipped');
      }
    }
  });
}
