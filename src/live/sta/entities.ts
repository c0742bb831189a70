/**
 * The SensorThings 1.1 Sensing data model as metadata: which table and columns hold each
 * property, and how entities navigate to each other. The query compiler, the reader
 * and the writer are all driven by this one description.
 */
export type EntityName =
  | 'Thing' | 'Location' | 'HistoricalLocation' | 'Datastream' | 'Sensor' | 'ObservedProperty' | 'Observation' | 'FeatureOfInterest';

export type PropKind = 'id' | 'text' | 'json' | 'geo' | 'time' | 'interval' | 'result';

export interface PropDef {
  name: string;
  kind: PropKind;
  column: string;
  /** For intervals: the end column (null end = an instant). */
  endColumn?: string;
}

export interface NavDef {
  name: string;
  target: EntityName;
  /** one: the parent row holds `fk`; many: the child row holds `fk`, or a link table joins them. */
  kind: 'one' | 'many';
  fk?: string;
  link?: { table: string; parentCol: string; childCol: string };
}

export interface EntityDef {
  name: EntityName;
  set: string;
  table: string;
  props: PropDef[];
  navs: NavDef[];
}

const id: PropDef = { name: 'id', kind: 'id', column: 'id' };
const text = (name: string, column = name): PropDef => ({ name, kind: 'text', column });
const json = (name: string, column: string): PropDef => ({ name, kind: 'json', column });

export const ENTITIES: Record<EntityName, EntityDef> = {
  Thing: {
    name: 'Thing',
    set: 'Things',
    table: 'sta_things',
    props: [id, text('name'), text('description'), json('properties', 'properties')],
    navs: [
      { name: 'Locations', target: 'Location', kind: 'many', link: { table: 'sta_thing_locations', parentCol: 'thing_id', childCol: 'location_id' } },
      { name: 'HistoricalLocations', target: 'HistoricalLocation', kind: 'many', fk: 'thing_id' },
      { name: 'Datastreams', target: 'Datastream', kind: 'many', fk: 'thing_id' },
    ],
  },
  Location: {
    name: 'Location',
    set: 'Locations',
    table: 'sta_locations',
    props: [id, text('name'), text('description'), text('encodingType', 'encoding_type'), { name: 'location', kind: 'geo', column: 'location' }, json('properties', 'properties')],
    navs: [
      { name: 'Things', target: 'Thing', kind: 'many', link: { table: 'sta_thing_locations', parentCol: 'location_id', childCol: 'thing_id' } },
      { name: 'HistoricalLocations', target: 'HistoricalLocation', kind: 'many', link: { table: 'sta_hl_locations', parentCol: 'location_id', childCol: 'hl_id' } },
    ],
  },
  HistoricalLocation: {
    name: 'HistoricalLocation',
    set: 'HistoricalLocations',
    table: 'sta_historical_locations',
    props: [id, { name: 'time', kind: 'time', column: 'time' }],
    navs: [
      { name: 'Thing', target: 'Thing', kind: 'one', fk: 'thing_id' },
      { name: 'Locations', target: 'Location', kind: 'many', link: { table: 'sta_hl_locations', parentCol: 'hl_id', childCol: 'location_id' } },
    ],
  },
  Datastream: {
    name: 'Datastream',
    set: 'Datastreams',
    table: 'sta_datastreams',
    props: [
      id,
      text('name'),
      text('description'),
      json('unitOfMeasurement', 'unit_of_measurement'),
      text('observationType', 'observation_type'),
      { name: 'observedArea', kind: 'json', column: 'observed_area' },
      { name: 'phenomenonTime', kind: 'interval', column: 'phenomenon_time_start', endColumn: 'phenomenon_time_end' },
      { name: 'resultTime', kind: 'interval', column: 'result_time_start', endColumn: 'result_time_end' },
      json('properties', 'properties'),
    ],
    navs: [
      { name: 'Thing', target: 'Thing', kind: 'one', fk: 'thing_id' },
      { name: 'Sensor', target: 'Sensor', kind: 'one', fk: 'sensor_id' },
      { name: 'ObservedProperty', target: 'ObservedProperty', kind: 'one', fk: 'observed_property_id' },
      { name: 'Observations', target: 'Observation', kind: 'many', fk: 'datastream_id' },
    ],
  },
  Sensor: {
    name: 'Sensor',
    set: 'Sensors',
    table: 'sta_sensors',
    props: [id, text('name'), text('description'), text('encodingType', 'encoding_type'), json('metadata', 'metadata'), json('properties', 'properties')],
    navs: [{ name: 'Datastreams', target: 'Datastream', kind: 'many', fk: 'sensor_id' }],
  },
  ObservedProperty: {
    name: 'ObservedProperty',
    set: 'ObservedProperties',
    table: 'sta_observed_properties',
    props: [id, text('name'), text('definition'), text('description'), json('properties', 'properties')],
    navs: [{ name: 'Datastreams', target: 'Datastream', kind: 'many', fk: 'observed_property_id' }],
  },
  Observation: {
    name: 'Observation',
    set: 'Observations',
    table: 'sta_observations',
    props: [
      id,
      { name: 'phenomenonTime', kind: 'interval', column: 'phenomenon_time', endColumn: 'phenomenon_time_end' },
      { name: 'result', kind: 'result', column: 'result_num' },
      { name: 'resultTime', kind: 'time', column: 'result_time' },
      json('resultQuality', 'result_quality'),
      { name: 'validTime', kind: 'interval', column: 'valid_time_start', endColumn: 'valid_time_end' },
      json('parameters', 'parameters'),
    ],
    navs: [
      { name: 'Datastream', target: 'Datastream', kind: 'one', fk: 'datastream_id' },
      { name: 'FeatureOfInterest', target: 'FeatureOfInterest', kind: 'one', fk: 'feature_id' },
    ],
  },
  FeatureOfInterest: {
    name: 'FeatureOfInterest',
    set: 'FeaturesOfInterest',
    table: 'sta_features',
    props: [id, text('name'), text('description'), text('encodingType', 'encoding_type'), { name: 'feature', kind: 'geo', column: 'feature' }, json('properties', 'properties')],
    navs: [{ name: 'Observations', target: 'Observation', kind: 'many', fk: 'feature_id' }],
  },
};

export const ENTITY_LIST: EntityDef[] = Object.values(ENTITIES);
export const BY_SET = new Map(ENTITY_LIST.map((e) => [e.set, e]));
/** Entity sets of the spec this service does not offer; asking for them is a 501, not a 404. */
export const UNSUPPORTED_SETS = new Set(['MultiDatastreams']);
/** Navigation properties of the spec we do not offer (MultiDatastream extension). */
export const UNSUPPORTED_NAVS = new Set(['MultiDatastreams', 'MultiDatastream']);

export function propOf(entity: EntityDef, name: string): PropDef | undefined {
  return entity.props.find((p) => p.name === name);
}
export function navOf(entity: EntityDef, name: string): NavDef | undefined {
  return entity.navs.find((n) => n.name === name);
}
