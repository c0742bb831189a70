import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../kernel/capability.js';
import { transformPoint } from '../../kernel/geo/index.js';
import { readFile } from 'node:fs/promises';
import { FACILITIES_FILE, parseFacilities } from './data.js';
import { readLatest } from './latest.js';
import { demoDatastreams, PARKING_DEMO } from './seed.js';

export interface ParkingNow {
  uuid: string;
  name: string;
  lon: number;
  lat: number;
  /** RD New metres, for the 3D twin. */
  rd: [number, number];
  vacant: number | null;
  capacity: number | null;
  open: boolean | null;
  full: boolean | null;
  at: string | null;
}

/** The demo's parking facilities with their newest readings, for layers that are not a map (the 3D twin). */
export async function parkingNow(ctx: AppContext): Promise<ParkingNow[]> {
  const streams = await demoDatastreams(ctx.store, PARKING_DEMO, 'uuid');
  const ids = [...streams.values()].flatMap((m) => [...m.values()]);
  const latest = new Map((await readLatest(ctx.store, ids)).map((l) => [l.datastream, l]));
  const out: ParkingNow[] = [];
  for (const f of parseFacilities(await readFile(FACILITIES_FILE, 'utf8'))) {
    const roles = streams.get(f.uuid);
    if (!roles) continue;
    const value = (role: string) => {
      const id = roles.get(role);
      return id === undefined ? undefined : latest.get(id);
    };
    const [x, y] = transformPoint([f.longitude, f.latitude], 'EPSG:4326', 'EPSG:28992');
    const vacant = value('vacant');
    out.push({
      uuid: f.uuid,
      name: f.name,
      lon: f.longitude,
      lat: f.latitude,
      rd: [x!, y!],
      vacant: typeof vacant?.result === 'number' ? vacant.result : null,
      capacity: typeof value('capacity')?.result === 'number' ? (value('capacity')!.result as number) : null,
      open: typeof value('open')?.result === 'boolean' ? (value('open')!.result as boolean) : null,
      full: typeof value('full')?.result === 'boolean' ? (value('full')!.result as boolean) : null,
      at: vacant?.phenomenonTime ?? null,
    });
  }
  return out;
}

export async function parkingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/parking', { schema: { tags: ['live'], summary: 'The demo parking facilities with their newest readings (also in RD New, for the 3D twin)' } }, async () => ({
    items: await parkingNow(ctx),
  }));
}
