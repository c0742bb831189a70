import { catalog } from '../catalog/index.js';
import { federation } from '../federation/index.js';
import { governance } from '../governance/index.js';
import { live } from '../live/index.js';
import { privacy } from '../privacy/index.js';
import { registers } from '../registers/index.js';
import { rules } from '../rules/index.js';
import { twin } from '../twin/index.js';
import type { Capability } from '../kernel/capability.js';

/** Every capability of the platform, in dependency order (migrations and demo seeding follow it). */
export const CAPABILITIES: readonly Capability[] = [governance, privacy, catalog, live, rules, twin, registers, federation];
