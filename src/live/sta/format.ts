import { ENTITIES, type EntityDef } from './entities.js';
import { formatTime, toIso } from './time.js';

export type Json = Record<string, unknown>;

function parseJson(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

export function selfLink(root: string, entity: EntityDef, id: unknown): string {
  return `${root}/${entity.set}(${id})`;
}

/** The value of one property of a stored row, as SensorThings JSON. */
export function propertyValue(entity: EntityDef, name: string, row: Json): unknown {
  const prop = entity.props.find((p) => p.name === name)!;
  switch (prop.kind) {
    case 'id':
      return Number(row.id);
    case 'text':
      return row[prop.column] ?? null;
    case 'json':
    case 'geo':
      return parseJson(row[prop.column]);
    case 'time':
      return toIso(row[prop.column]);
    case 'interval':
      return formatTime(row[prop.column], row[prop.endColumn!]);
    case 'result':
      if (row.result_num !== null && row.result_num !== undefined) return Number(row.result_num);
      if (row.result_str !== null && row.result_str !== undefined) return row.result_str;
      return parseJson(row.result_json);
  }
}

/** A row as a SensorThings entity: selected properties, self and navigation links. */
export function entityJson(root: string, entity: EntityDef, row: Json, select?: string[]): Json {
  const self = selfLink(root, entity, row.id);
  const out: Json = {};
  const want = (name: string) => !select || select.includes(name);
  if (want('id') || want('@iot.id')) out['@iot.id'] = Number(row.id);
  if (!select || select.includes('@iot.selfLink') || select.includes('id')) out['@iot.selfLink'] = self;
  for (const p of entity.props) {
    if (p.name === 'id' || !want(p.name)) continue;
    const v = propertyValue(entity, p.name, row);
    // Optional properties without a value are left out, as the spec's examples do.
    if (v === null && (p.name === 'properties' || p.name === 'resultQuality' || p.name === 'parameters' || p.name === 'validTime' || p.name === 'observedArea')) continue;
    out[p.name] = v;
  }
  for (const n of entity.navs) {
    if (want(n.name)) out[`${n.name}@iot.navigationLink`] = `${self}/${n.name}`;
  }
  return out;
}

export function isKnownName(entity: EntityDef, name: string): boolean {
  return name === '@iot.id' || name === '@iot.selfLink' || entity.props.some((p) => p.name === name) || entity.navs.some((n) => n.name === name);
}

export { ENTITIES };
