/** What the pages read from /api/v1/registers/...: the server's own types, imported as types only. */
export type { SensorEntry as Sensor, SensorStream } from '../../../../src/registers/sensors/model.js';
export type { ProcessingRecord } from '../../../../src/registers/processing/model.js';
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
