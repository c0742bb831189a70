/**
 * Generates src/kernel/geo/epsg/epsg.json: the EPSG coordinate reference systems the
 * twin can place, as data (nothing is fetched at run time).
 *
 *   npm pack epsg-index@2.0.0 epsg@0.5.0   # then unpack both somewhere
 *   npx tsx scripts/generate-epsg.ts <epsg-index>/all.json <epsg>/crs-defs.json [--region w,s,e,n] [--jobs 2]
 *
 * Sources: epsg-index 2.0.0 (ISC; names, kinds, areas of use and PROJ strings of the
 * EPSG dataset as epsg.io publishes them) and epsg 0.5.0 (Apache-2.0; PROJ strings of
 * GDAL / PostGIS spatial_ref_sys, a second opinion on datum shifts). Every definition
 * that places coordinates is checked against PROJ's own EPSG database (cs2cs and
 * projinfo on PATH, Debian package proj-bin): at the centre of the CRS's area of use the
 * PROJ string must land within the tolerance below of where PROJ's best transformation
 * puts the point, or the CRS is kept only with the reason it cannot be placed. This check
 * matters: epsg-index's RD New string, for one, is 160 m off (Molodensky–Badekas
 * rotations applied about the earth's centre).
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import proj4 from 'proj4';

const run = promisify(execFile);

interface IndexEntry {
  code: string;
  kind: string;
  name: string;
  wkt: string | null;
  proj4: string | null;
  /** [north, west, south, east] */
  bbox: [number, number, number, number] | null;
  accuracy: number | null;
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const [indexFile, gdalFile] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!indexFile || !gdalFile) {
  console.error('usage: tsx scripts/generate-epsg.ts <epsg-index all.json> <epsg crs-defs.json> [--region w,s,e,n] [--jobs n]');
  process.exit(2);
}
/** Europe with its seas, generously: CRSs whose area of use meets it are kept. */
const REGION = (option('region') ?? '-32,27,45,72').split(',').map(Number) as [number, number, number, number];
const JOBS = Number(option('jobs') ?? 2);
/** A definition agrees with PROJ when it lands within max(TOLERANCE_M, 2 × the EPSG accuracy of either transformation) of PROJ's point. */
const TOLERANCE_M = 2;

const index = JSON.parse(readFileSync(indexFile, 'utf8')) as Record<string, IndexEntry>;
const gdal = JSON.parse(readFileSync(gdalFile, 'utf8')) as Record<string, string>;

const KINDS: Record<string, string> = {
  'CRS-PROJCRS': 'projected',
  'CRS-GEOGCRS': 'geographic',
  'CRS-GEOG3DCRS': 'geographic3d',
  'CRS-GCENCRS': 'geocentric',
  'CRS-COMPOUNDCRS': 'compound',
  'CRS-VERTCRS': 'vertical',
  'CRS-ENGCRS': 'engineering',
  'CRS-DRVDCRS': 'derived',
};

/** [west, south, east, north]; west > east when the area crosses the antimeridian. */
const areaOf = (e: IndexEntry): [number, number, number, number] | null => (e.bbox ? [e.bbox[1], e.bbox[2], e.bbox[3], e.bbox[0]] : null);

function meetsRegion(a: [number, number, number, number]): boolean {
  const [w, s, e, n] = a;
  if (n < REGION[1] || s > REGION[3]) return false;
  if (w > e) return true; // crosses the antimeridian: spans the globe's width
  return !(e < REGION[0] || w > REGION[2]);
}

/** The horizontal component and vertical CRS name of a COMPD_CS WKT. */
function splitCompound(wkt: string): { horizontal: number | null; vertical: string | null } {
  const vert = wkt.indexOf(',VERT_CS[');
  const head = vert >= 0 ? wkt.slice(0, vert) : wkt;
  const codes = [...head.matchAll(/AUTHORITY\["EPSG","(\d+)"\]\]/g)];
  const vname = vert >= 0 ? /VERT_CS\["([^"]+)"/.exec(wkt.slice(vert))?.[1] ?? null : null;
  return { horizontal: codes.length > 0 ? Number(codes.at(-1)![1]) : null, vertical: vname };
}

const clean = (p: string | null | undefined): string | null => (p ? p.replace(/\s*\+type=crs\b/, '').replace(/\s+/g, ' ').trim() : null);
const GRID = /\+nadgrids=(?!@null)(\S+)/;

function metres(a: [number, number], b: [number, number]): number {
  const d = Math.PI / 180;
  return Math.hypot((a[0] - b[0]) * d * 6_371_000 * Math.cos(((a[1] + b[1]) / 2) * d), (a[1] - b[1]) * d * 6_371_000);
}

function centre([w, s, e, n]: [number, number, number, number]): [number, number] {
  const lon = w <= e ? (w + e) / 2 : ((w + e + 360) / 2 + 180) % 360 - 180;
  return [lon, (s + n) / 2];
}

interface ProjView {
  /** PROJ's point in the CRS (its own axis order), or null when PROJ cannot transform. */
  xy: [number, number] | null;
  /** PROJ's best operation: name and accuracy (m), ballpark when no real transformation is known. */
  best: { name: string; accuracy: number | null; ballpark: boolean } | null;
}

async function projView(code: number, lonLat: [number, number]): Promise<ProjView> {
  let xy: [number, number] | null = null;
  try {
    const child = run('cs2cs', ['-f', '%.9f', 'EPSG:4326', `EPSG:${code}`]);
    child.child.stdin!.end(`${lonLat[1]} ${lonLat[0]}\n`);
    const { stdout } = await child;
    const [a, b] = stdout.trim().split(/\s+/).map(Number);
    if (Number.isFinite(a) && Number.isFinite(b)) xy = [a!, b!];
  } catch {
    xy = null;
  }
  let best: ProjView['best'] = null;
  try {
    // Only operations whose grids are installed: the best one is then the one cs2cs used above.
    const { stdout } = await run('projinfo', ['-s', `EPSG:${code}`, '-t', 'EPSG:4326', '--spatial-test', 'intersects', '--grid-check', 'discard_missing', '--summary']);
    const line = stdout.split('\n').find((l) => l.trim() !== '' && !l.startsWith('Candidate operations found'));
    if (line) {
      const parts = line.split(', ');
      const acc = parts.find((p) => /^[\d.]+ m$/.test(p));
      best = { name: parts[1] ?? line, accuracy: acc ? Number(acc.slice(0, -2)) : null, ballpark: /ballpark/i.test(line) };
    }
  } catch {
    best = null;
  }
  return { xy, best };
}

/** Metres between where a PROJ string puts PROJ's point and the point itself (either axis order). */
function offset(definition: string, xy: [number, number], lonLat: [number, number]): number {
  try {
    const inverse = proj4(definition, 'WGS84');
    let bestD = Infinity;
    for (const p of [xy, [xy[1], xy[0]] as [number, number]]) {
      const q = inverse.forward(p);
      if (Number.isFinite(q[0]) && Number.isFinite(q[1])) bestD = Math.min(bestD, metres(q as [number, number], lonLat));
    }
    return bestD;
  } catch {
    return Infinity;
  }
}

type Row = [
  code: number,
  name: string,
  kind: string,
  proj4: string | null,
  area: [number, number, number, number] | null,
  accuracy: number | null,
  vertical: string | null,
  horizontal: number | null,
  check: number | null,
  problem: string | null,
];

async function rowOf(e: IndexEntry): Promise<Row | null> {
  const kind = KINDS[e.kind];
  const area = areaOf(e);
  if (!kind || !area || !meetsRegion(area)) return null;
  const code = Number(e.code);
  const base: Row = [code, e.name, kind, null, area, e.accuracy, null, null, null, null];
  if (kind === 'vertical' || kind === 'engineering' || kind === 'derived') return base;
  let horizontal = code;
  if (kind === 'compound') {
    const split = e.wkt ? splitCompound(e.wkt) : { horizontal: null, vertical: null };
    base[6] = split.vertical;
    if (split.horizontal === null || !index[String(split.horizontal)]) return ((base[9] = 'no-definition'), base);
    horizontal = split.horizontal;
    base[7] = horizontal;
  }
  if (kind === 'geographic3d') base[6] = `${e.name} ellipsoidal height`;
  const h = index[String(horizontal)]!;
  const candidates = [...new Set([clean(h.proj4), clean(gdal[`EPSG:${horizontal}`])].filter((p): p is string => p !== null))];
  if (candidates.length === 0) return ((base[9] = 'no-definition'), base);
  if (kind === 'geocentric') {
    // Geocentric coordinates carry no area to test at; only datums with a known shift to WGS 84 are kept usable.
    base[3] = candidates[0]!;
    if (!/\+(datum|towgs84)=|\+ellps=(GRS80|WGS84)\b/.test(base[3])) base[9] = 'no-datum-shift';
    return base;
  }
  const at = centre(area);
  const view = await projView(horizontal, at);
  if (view.best?.ballpark) {
    base[3] = candidates[0]!;
    base[9] = 'no-datum-shift';
    return base;
  }
  // Codes PROJ does not know are not EPSG's (epsg-index carries some ESRI codes): left out.
  if (!view.xy && !view.best) return null;
  if (!view.xy) return ((base[3] = candidates[0]!), (base[9] = 'unverified'), base);
  // A definition may use a coarser transformation than PROJ's best (ED50's Europe-wide 10 m shift where PROJ has a national 2 m one): allowed up to twice the coarser accuracy.
  const tolerance = Math.max(TOLERANCE_M, 2 * Math.max(view.best?.accuracy ?? 0, e.accuracy ?? 0));
  let chosen: { p: string; d: number } | null = null;
  let closest = Infinity;
  for (const p of candidates) {
    if (GRID.test(p)) continue;
    const d = offset(p, view.xy, at);
    closest = Math.min(closest, d);
    if (d <= tolerance && (!chosen || d < chosen.d)) chosen = { p, d };
  }
  base[5] = view.best?.accuracy ?? e.accuracy;
  if (chosen) {
    base[3] = chosen.p;
    base[8] = Number(chosen.d.toFixed(3));
    return base;
  }
  base[3] = candidates[0]!;
  const grid = GRID.exec(candidates[0]!)?.[1];
  base[9] = grid && !Number.isFinite(closest) ? `grid:${grid}` : `disagrees:${Number.isFinite(closest) ? Math.round(closest) : 'no-result'}`;
  return base;
}

/** One CRS a line, so a diff of a regenerated file shows which CRSs changed. */
export function formatEpsgFile(out: { crs: unknown[] }): string {
  const head = JSON.stringify({ ...out, crs: [] }).slice(0, -2);
  return `${head}\n${out.crs.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
}

async function main(): Promise<void> {
  const entries = Object.values(index).sort((a, b) => Number(a.code) - Number(b.code));
  const rows: Row[] = [];
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: JOBS }, async () => {
      while (next < entries.length) {
        const e = entries[next++]!;
        const row = await rowOf(e);
        if (row) rows.push(row);
        if (++done % 500 === 0) console.error(`${done} of ${entries.length}`);
      }
    }),
  );
  rows.sort((a, b) => a[0] - b[0]);
  const problems: Record<string, number> = {};
  for (const r of rows) if (r[9]) problems[r[9].split(':')[0]!] = (problems[r[9].split(':')[0]!] ?? 0) + 1;
  const { stderr } = await run('cs2cs', []).catch((e: { stderr: string }) => ({ stderr: e.stderr }));
  const out = {
    about:
      'EPSG coordinate reference systems whose area of use meets the region, generated by scripts/generate-epsg.ts. ' +
      'Names, kinds, areas of use and PROJ strings: epsg-index 2.0.0 (ISC, github.com/derhuerst/epsg-index; data of the EPSG Geodetic Parameter Dataset, IOGP, as published by epsg.io). ' +
      'Second PROJ string where the first disagrees with PROJ: epsg 0.5.0 (Apache-2.0, github.com/stevage/epsg; from GDAL/PostGIS spatial_ref_sys). ' +
      `Checked against ${stderr.split('\n')[0]?.trim() || 'PROJ'} (EPSG database in proj.db).`,
    region: REGION,
    columns: ['code', 'name', 'kind', 'proj4', 'areaOfUse [w,s,e,n]', 'accuracy m', 'vertical', 'horizontal code', 'check m (vs PROJ)', 'problem'],
    crs: rows,
  };
  const target = join(import.meta.dirname, '..', 'src', 'kernel', 'geo', 'epsg', 'epsg.json');
  writeFileSync(target, formatEpsgFile(out));
  console.error(`${rows.length} CRSs written to ${target}; problems: ${JSON.stringify(problems)}`);
}

await main();
