import { readFile } from 'node:fs/promises';
import { option, positional } from '../cli/args.js';
import { progressBar } from '../cli/progress.js';
import type { AppContext, CliCommand } from '../kernel/capability.js';
import { parseOccupancyCsv } from './demo/data.js';
import { mqttPublisher, ownBroker } from './demo/publisher.js';
import { buildReplayPlan, runReplay } from './demo/replay.js';
import { demoDatastreams, PARKING_DEMO } from './demo/seed.js';

const USAGE = 'thorbecke live replay <csv> [--speed 3600] [--broker mqtt://host:port] [--prefix ingest/<org>/] [--username <org> --key <api key>] [--from <ISO time>]';

/**
 * `thorbecke live replay`: plays an hourly occupancy CSV into the demo's parking
 * Datastreams over MQTT (QoS 1), at real time divided by --speed.
 */
export const liveReplayCommand: CliCommand = {
  group: 'live',
  name: 'replay',
  usage: '<csv> [--speed 3600] [--broker mqtt://host:port] [--prefix ingest/<org>/] [--username <org> --key <api key>] [--from <ISO>]',
  summary: 'publish an occupancy CSV over MQTT to the demo parking Datastreams, sped up',
  async run(ctx: AppContext, args: string[]) {
    const [file] = positional(args, ['speed', 'broker', 'from', 'prefix', 'username', 'key']);
    if (!file) {
      console.error(`Usage: ${USAGE}`);
      return 2;
    }
    const speed = Number(option(args, 'speed') ?? '3600');
    if (!Number.isFinite(speed) || speed <= 0) {
      console.error(`--speed must be a positive number, not '${option(args, 'speed')}'`);
      return 2;
    }
    const fromText = option(args, 'from');
    const from = fromText === undefined ? undefined : Date.parse(fromText);
    if (from !== undefined && Number.isNaN(from)) {
      console.error(`--from must be an ISO 8601 time, not '${fromText}'`);
      return 2;
    }
    const own = ownBroker(ctx);
    const broker = option(args, 'broker') ?? own?.url;
    if (!broker || !/^mqtts?:\/\//.test(broker)) {
      console.error(`--broker must be an mqtt:// or mqtts:// URL${broker ? `, not '${broker}'` : ''}`);
      return 2;
    }
    const prefix = option(args, 'prefix') ?? (option(args, 'broker') ? '' : own?.prefix ?? '');
    // Every publish is signed in: an organisation's key (username = its id), by default the administrator's.
    const username = option(args, 'username');
    const key = option(args, 'key') ?? process.env.THORBECKE_API_KEY;
    if ((username === undefined) !== (key === undefined)) {
      console.error('--username and --key (or THORBECKE_API_KEY) go together: the organisation id and one of its API keys');
      return 2;
    }
    const credentials = username && key ? { username, password: key } : ctx.auth.ownMqttCredentials();
    const rows = parseOccupancyCsv(await readFile(file, 'utf8'));
    const streams = await demoDatastreams(ctx.store, PARKING_DEMO, 'uuid');
    if (streams.size === 0) {
      console.error('No demo parking Datastreams found: start the platform once with THORBECKE_DEMO=true');
      return 1;
    }
    const plan = buildReplayPlan(rows, streams, { from, prefix });
    if (plan.unknownRows > 0) console.error(`${plan.unknownRows} rows name a facility without Datastreams; skipped`);
    const publisher = mqttPublisher(broker, credentials);
    const bar = progressBar(`live replay ${file}`, plan.steps.length);
    const controller = new AbortController();
    const interrupt = (): void => controller.abort();
    process.once('SIGINT', interrupt);
    try {
      let lastAt = 0;
      const done = await runReplay(plan.steps, {
        speed,
        publish: (s) => publisher.publish(s),
        signal: controller.signal,
        onProgress: (n, _total, at) => {
          lastAt = at;
          bar.update(n);
        },
      });
      const refused = publisher.refused ? `, ${publisher.refused.toLocaleString('en')} refused by the platform (e.g. outside the Datastream's bounds)` : '';
      bar.finish(`${(done - publisher.refused).toLocaleString('en')} of ${plan.steps.length.toLocaleString('en')} observations stored${refused}${lastAt ? `, up to ${new Date(lastAt).toISOString()}` : ''}`);
      return controller.signal.aborted ? 130 : 0;
    } finally {
      process.off('SIGINT', interrupt);
      await publisher.close();
    }
  },
};
