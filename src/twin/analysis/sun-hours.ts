import { invalid } from '../../kernel/errors.js';
import type { Bbox } from '../../kernel/geo/index.js';
import type { Queryable } from '../../kernel/storage/port.js';
import type { Scenario } from '../model.js';
import { effectiveInBbox } from '../service.js';
import { defaultGrid, sunHoursMap, type CalendarDay } from '../sun/index.js';
import { encodePng, rampColour } from './png.js';
import { grow, medianGround, rdBoxOf, siteOf, toSunBuildings, wgsBoxOf } from './sun-input.js';

export const MAX_CELLS = 1_000_000;
/** Buildings this far outside the area are loaded too: their shadows reach in. */
const REACH = 300;

export interface SunHoursRequest {
  bbox: Bbox;
  date: string;
  stepMinutes: number;
  cellSize: number;
  minAltitude: number;
}

export interface SunHoursResult {
  scenario: string | null;
  date: string;
  stepMinutes: number;
  minAltitude: number;
  grid: { crs: 'EPSG:28992'; originX: number; originY: number; cellSize: number; cols: number; rows: number; planeHeight: number; bboxWgs84: Bbox };
  /** Hours the Sun is above the minimum altitude that day: the most a cell can get. */
  dayHours: number;
  stats: { min: number; mean: number; max: number; cells: number };
  /** Sun hours × 10, rounded, row by row from the north-west corner; -1 inside a building. */
  encoding: 'tenths-of-hours, rows north to south, -1 = inside building';
  values: number[];
  png: string;
}

export function checkGridSize(req: Pick<SunHoursRequest, 'bbox' | 'cellSize'>): Bbox {
  const rd = rdBoxOf(req.bbox);
  const cells = Math.ceil((rd[2] - rd[0]) / req.cellSize) * Math.ceil((rd[3] - rd[1]) / req.cellSize);
  if (cells > MAX_CELLS) throw invalid('bbox', `the grid would have ${cells.toLocaleString('en')} cells; at most ${MAX_CELLS.toLocaleString('en')} (use a smaller box or larger cellSize)`);
  if (cells < 1) throw invalid('bbox', 'the box is empty');
  return rd;
}

export const parseDay = (date: string): CalendarDay => {
  const [year, month, day] = date.split('-').map(Number);
  return { year: year!, month: month!, day: day! };
};

export async function computeSunHours(
  db: Queryable,
  scenario: Scenario | null,
  req: SunHoursRequest,
  pngUrl: string,
): Promise<{ result: SunHoursResult; png: Buffer }> {
  const rd = checkGridSize(req);
  const buildings = await effectiveInBbox(db, scenario, wgsBoxOf(grow(rd, REACH)));
  const plane = medianGround(buildings);
  const grid = defaultGrid(rd[0], rd[1], rd[2], rd[3], plane, req.cellSize);
  const map = await sunHoursMap(toSunBuildings(buildings), grid, siteOf(rd), parseDay(req.date), { stepMinutes: req.stepMinutes, minAltitude: req.minAltitude });
  const dayHours = (map.sunSteps * map.stepMinutes) / 60;
  const values: number[] = new Array(grid.cols * grid.rows);
  const rgba = new Uint8Array(grid.cols * grid.rows * 4);
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (let row = 0; row < grid.rows; row++) {
    const src = grid.rows - 1 - row; // sun grid row 0 is the south edge
    for (let col = 0; col < grid.cols; col++) {
      const i = src * grid.cols + col;
      const o = row * grid.cols + col;
      if (map.insideBuilding[i]) {
        values[o] = -1;
        continue; // transparent in the PNG
      }
      const h = map.hours[i]!;
      values[o] = Math.round(h * 10);
      if (h < min) min = h;
      if (h > max) max = h;
      sum += h;
      n++;
      const [r, g, b] = rampColour(dayHours > 0 ? h / dayHours : 0);
      rgba.set([r, g, b, 200], o * 4);
    }
  }
  const round = (v: number): number => Number(v.toFixed(2));
  return {
    png: encodePng(grid.cols, grid.rows, rgba),
    result: {
      scenario: scenario?.id ?? null,
      date: req.date,
      stepMinutes: map.stepMinutes,
      minAltitude: req.minAltitude,
      grid: { crs: 'EPSG:28992', originX: grid.originX, originY: grid.originY, cellSize: grid.cellSize, cols: grid.cols, rows: grid.rows, planeHeight: plane, bboxWgs84: wgsBoxOf([grid.originX, grid.originY, grid.originX + grid.cols * grid.cellSize, grid.originY + grid.rows * grid.cellSize]) },
      dayHours: round(dayHours),
      stats: n ? { min: round(min), mean: round(sum / n), max: round(max), cells: n } : { min: 0, mean: 0, max: 0, cells: 0 },
      encoding: 'tenths-of-hours, rows north to south, -1 = inside building',
      values,
      png: pngUrl,
    },
  };
}
