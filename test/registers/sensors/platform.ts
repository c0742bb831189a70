import { catalog } from '../../../src/catalog/index.js';
import { governance } from '../../../src/governance/index.js';
import { live } from '../../../src/live/index.js';
import { registers } from '../../../src/registers/index.js';
import type { TestStore } from '../../support/stores.js';
import { registersPlatform, type RegistersPlatform } from '../platform.js';

export type SensorPlatform = RegistersPlatform;

/** Governance, catalog, live (SensorThings, without its MQTT gateway) and registers, in process. */
export const sensorPlatform = (store: TestStore['name'], opts: { demo?: boolean } = {}): Promise<SensorPlatform> =>
  registersPlatform(store, { ...opts, caps: [governance, catalog, live, registers] });
