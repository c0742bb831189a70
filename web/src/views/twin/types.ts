export interface TileIndex {
  tileSize: number;
  scenario: string | null;
  buildings: number;
  bboxWgs84: [number, number, number, number] | null;
  centreRd: [number, number] | null;
  planned: Array<{ id: string; name: string | null; height: number; groundHeight: number | null; extentRd: number[] | null }>;
  tiles: Array<{ col: number; row: number; buildings: number; originRd: [number, number, number]; href: string }>;
}

export interface ScenarioSummary {
  id: string;
  name: string;
  description?: string;
}

export interface SunPosition {
  at: string;
  azimuth: number;
  altitude: number;
  gridAzimuth: number;
}

export interface SunHoursGrid {
  grid: { originX: number; originY: number; cellSize: number; cols: number; rows: number; planeHeight: number };
  dayHours: number;
  stats: { min: number; mean: number; max: number };
  png: string;
  date: string;
}

export interface Job<R> {
  id: string;
  state: 'running' | 'succeeded' | 'failed';
  result?: R;
  error?: { code: string; detail: string };
}
