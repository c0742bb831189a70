import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { progressBar } from '../cli/progress.js';
import type { AppContext, CliCommand } from '../kernel/capability.js';
import { importBuildings } from './service.js';
import { option } from '../cli/args.js';

export const twinImportCommand: CliCommand = {
  group: 'twin',
  name: 'import',
  usage: '<file.city.json|file.city.jsonl> [--crs EPSG:7415]',
  summary: 'import a CityJSON document or CityJSONSeq into the 3D city model (one transaction, upsert by id); files in any European EPSG CRS are kept in RD New + NAP, --crs names the CRS of a file that names none',
  async run(ctx: AppContext, args: string[]) {
    const crs = option(args, 'crs');
    const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--crs');
    if (!file) {
      console.error('Usage: thorbecke twin import <file> [--crs EPSG:7415]');
      return 2;
    }
    const size = (await stat(file)).size;
    // Bytes read drive the bar while the file is parsed; then buildings stored.
    let read = 0;
    const reading = progressBar('twin import: reading', size);
    const stream = createReadStream(file);
    stream.on('data', (chunk) => {
      read += chunk.length;
      reading.update(read);
    });
    let storing: ReturnType<typeof progressBar> | undefined;
    try {
      const report = await importBuildings(ctx, stream, {
        name: file,
        crs,
        onProgress: (p) => {
          if (p.phase !== 'storing') return;
          if (!storing) {
            reading.finish(`${Math.round(size / 1000).toLocaleString('en')} kB read`);
            storing = progressBar('twin import: storing', p.total ?? undefined);
          }
          storing.update(p.done);
        },
      });
      (storing ?? reading).finish(`${report.buildings} buildings (${report.created} new, ${report.updated} updated), ${report.crs}`);
      for (const w of report.warnings) console.error(`  warning: ${w}`);
      return 0;
    } catch (error) {
      const e = error as { detail?: string; message?: string };
      console.error(`twin import failed: ${e.detail ?? e.message}`);
      return 1;
    }
  },
};
