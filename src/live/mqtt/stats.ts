import { perPlatform } from '../../kernel/per-platform.js';
import type { MqttStats } from './gateway.js';

/** The running gateway's counters per platform, for the administrator's status route. */
export const mqttStatsOf = perPlatform((): { current?: MqttStats } => ({}));
