/**
 * importCityJson: CityJSON (1.0/1.1/2.0) or CityJSONSeq in, checked buildings out.
 * Reads from a string, bytes or a stream of chunks; a CityJSONSeq is processed
 * line by line as it arrives. All or nothing: the first bad object throws a
 * CityJsonError naming it and no buildings are returned, so the caller can write
 * the result in one transaction. With a `target` CRS the coordinates are placed in it
 * (placement.ts); the result names the objects that are not buildings it skipped.
 */
import type { Bbox, CrsDefinition } from '../../kernel/geo/index.js';
import { WGS84, resolveCrs, transformer, unionBbox } from '../../kernel/geo/index.js';
import { extractBuildings, type BuildingRecord } from './buildings.js';
import {
  checkObject,
  parseFeature,
  parseJson,
  parseSeqHeader,
  prepareDocument,
  documentCheckContext,
  type SeqHeader,
} from './document.js';
import { CityJsonError } from './errors.js';
import { Placement, type PlacementReport } from './placement.js';
import type { CityJsonTransform, CityObject, JsonObject } from './types.js';
import type { UpgradeReport } from './upgrade.js';
import { decodeVertices } from './vertices.js';

export type CityJsonChunk = string | Uint8Array;
export type CityJsonSource = string | Uint8Array | ArrayBuffer | Iterable<CityJsonChunk> | AsyncIterable<CityJsonChunk>;

export interface ImportProgress {
  /**
   * `objects`: CityObjects checked (documents) or features read (CityJSONSeq);
   * `buildings`: buildings extracted (documents only).
   */
  phase: 'objects' | 'buildings';
  done: number;
  /** Null while a CityJSONSeq stream has not ended. */
  total: number | null;
}

export interface ImportOptions {
  /** The CRS when the file names none (EPSG code or reference). A file that names another one is refused. */
  crs?: string | number;
  /**
   * The CRS to deliver the buildings in (the twin asks for EPSG:7415). Without it they
   * stay in the file's CRS. Either way, coordinates outside the file CRS's area of use are refused.
   */
  target?: string | number;
  onProgress?: (progress: ImportProgress) => void;
  /** Objects (documents) or features (CityJSONSeq) between progress reports and event-loop yields. Default 200. */
  progressEvery?: number;
  signal?: AbortSignal;
}

export const DEFAULT_IMPORT_OPTIONS = { progressEvery: 200 } as const;

export interface CityJsonImport {
  format: 'CityJSON' | 'CityJSONSeq';
  /** Version the file declared, and what the upgrade to 2.0 changed. */
  upgrade: UpgradeReport;
  crs: { epsg: number; name: string; reference: string; fromFile: boolean };
  metadata: JsonObject;
  transform: CityJsonTransform | null;
  counts: { cityObjects: number; byType: Record<string, number>; vertices: number; features: number | null };
  /** CityObjects that are neither a building nor part of one, by type: read and checked, not imported. */
  skipped: Record<string, number>;
  /** Where the buildings' coordinates are: the target CRS (or the file's), and how they got there. */
  placement: PlacementReport;
  buildings: BuildingRecord[];
  /** Union of the buildings' WGS 84 boxes. */
  bboxWgs84: Bbox | null;
  warnings: string[];
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Lines of the source, decoded as UTF-8 across chunk boundaries, without line ends. */
export async function* readLines(source: CityJsonSource): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield* source.split(/\r?\n/);
    return;
  }
  const chunks: Iterable<CityJsonChunk> | AsyncIterable<CityJsonChunk> =
    source instanceof Uint8Array ? [source] : source instanceof ArrayBuffer ? [new Uint8Array(source)] : source;
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of chunks) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl = rest.indexOf('\n');
    while (nl >= 0) {
      yield rest.slice(0, nl).replace(/\r$/, '');
      rest = rest.slice(nl + 1);
      nl = rest.indexOf('\n');
    }
  }
  rest += decoder.decode();
  yield rest.replace(/\r$/, '');
}

function resolveImportCrs(metadata: JsonObject | undefined, option: string | number | undefined): CityJsonImport['crs'] & { def: CrsDefinition } {
  const fromFile = metadata?.['referenceSystem'];
  if (typeof fromFile === 'string' && fromFile.trim() !== '') {
    const def = resolveCrs(fromFile);
    if (option !== undefined && resolveCrs(option).horizontalEpsg !== def.horizontalEpsg) {
      throw new CityJsonError('missing-crs', `the file says its CRS is EPSG:${def.epsg}, but EPSG:${resolveCrs(option).epsg} was given`);
    }
    return { epsg: def.epsg, name: def.name, reference: fromFile, fromFile: true, def };
  }
  if (option === undefined) {
    throw new CityJsonError('missing-crs', 'the file names no coordinate reference system (metadata.referenceSystem); give one, e.g. EPSG:7415 for RD New + NAP');
  }
  const def = resolveCrs(option);
  return { epsg: def.epsg, name: def.name, reference: String(option), fromFile: false, def };
}

/** Decimals of transformed coordinates: a millimetre in a metric target (1e-9° in a geographic one), finer than any datum shift. */
const placedDecimals = (p: Placement): number => (p.to.kind === 'geographic' ? 9 : 3);

function placementOf(from: CrsDefinition, options: ImportOptions): Placement {
  return new Placement(from, options.target === undefined ? from : resolveCrs(options.target));
}

function decimalsOf(transform: CityJsonTransform | undefined): number {
  const finest = Math.min(...(transform?.scale ?? [0.001]));
  return Math.min(9, Math.max(0, Math.ceil(-Math.log10(finest) - 1e-9)));
}

class Accumulator {
  readonly buildings: BuildingRecord[] = [];
  readonly byType: Record<string, number> = {};
  readonly skipped: Record<string, number> = {};
  readonly seenIds = new Set<string>();
  objects = 0;
  vertices = 0;
  bbox: Bbox | null = null;

  countObjects(objects: Record<string, CityObject>, line: number | null): void {
    for (const [id, o] of Object.entries(objects)) {
      if (this.seenIds.has(id)) throw new CityJsonError('feature', 'this id is used by an earlier feature too', id, line);
      this.seenIds.add(id);
      this.byType[o.type] = (this.byType[o.type] ?? 0) + 1;
      this.objects++;
    }
  }

  add(buildings: BuildingRecord[], objects: Record<string, CityObject>): void {
    const used = new Set<string>();
    for (const b of buildings) {
      this.buildings.push(b);
      used.add(b.id);
      for (const p of b.parts) used.add(p);
      if (b.bboxWgs84) this.bbox = this.bbox ? unionBbox(this.bbox, b.bboxWgs84) : [...b.bboxWgs84];
    }
    for (const [id, o] of Object.entries(objects)) if (!used.has(id)) this.skipped[o.type] = (this.skipped[o.type] ?? 0) + 1;
  }
}

/** Imports a CityJSON document or CityJSONSeq. Throws CityJsonError / UnknownCrsError; returns nothing partial. */
export async function importCityJson(source: CityJsonSource, options: ImportOptions = {}): Promise<CityJsonImport> {
  // Whole text in memory already: look at its first line only, and parse a document in one go.
  const whole = typeof source === 'string' ? source : source instanceof Uint8Array || source instanceof ArrayBuffer ? new TextDecoder().decode(source) : null;
  if (whole !== null) {
    const trimmed = whole.trimStart();
    const end = trimmed.indexOf('\n');
    const header = end < 0 ? undefined : tryParse(trimmed.slice(0, end));
    if (header === undefined || trimmed.slice(end + 1).trim() === '') {
      if (trimmed === '') throw new CityJsonError('not-json', 'the file is empty');
      return importDocument(header ?? parseJson(trimmed), options);
    }
  }
  const lines = readLines(whole ?? source);
  const first = await nextNonEmpty(lines);
  if (first === null) throw new CityJsonError('not-json', 'the file is empty');
  const header = tryParse(first.text);
  if (header !== undefined) {
    const second = await nextNonEmpty(lines);
    if (second !== null) {
      const total = whole !== null ? countNonEmptyLines(whole) - 1 : null;
      return importSeq(header, first.line, second, lines, total, options);
    }
    return importDocument(header, options);
  }
  // Not a complete object on one line: a (pretty-printed) CityJSON document.
  const parts = [first.text];
  for await (const line of lines) parts.push(line);
  return importDocument(parseJson(parts.join('\n')), options);
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function nextNonEmpty(lines: AsyncGenerator<string>): Promise<{ text: string; line: number } | null> {
  for (;;) {
    const { value, done } = await lines.next();
    if (done) return null;
    const line = (lineCounter.get(lines) ?? 0) + 1;
    lineCounter.set(lines, line);
    if (value.trim() !== '') return { text: value, line };
  }
}

/** Line numbers per reader, so errors can name the line of a CityJSONSeq. */
const lineCounter = new WeakMap<AsyncGenerator<string>, number>();

function countNonEmptyLines(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) if (line.trim() !== '') n++;
  return n;
}

async function importDocument(input: unknown, options: ImportOptions): Promise<CityJsonImport> {
  const every = options.progressEvery ?? DEFAULT_IMPORT_OPTIONS.progressEvery;
  const { document, upgrade } = prepareDocument(input);
  const crs = resolveImportCrs(document.metadata, options.crs);
  const ctx = documentCheckContext(document);
  const entries = Object.entries(document.CityObjects);
  const acc = new Accumulator();
  acc.countObjects(document.CityObjects, null);
  for (let i = 0; i < entries.length; i++) {
    const [id, object] = entries[i]!;
    checkObject(id, object, ctx);
    if ((i + 1) % every === 0) {
      options.onProgress?.({ phase: 'objects', done: i + 1, total: entries.length });
      await tick();
      options.signal?.throwIfAborted();
    }
  }
  options.onProgress?.({ phase: 'objects', done: entries.length, total: entries.length });

  const coordinates = decodeVertices(document.vertices, document.transform);
  acc.vertices = document.vertices.length;
  const placement = placementOf(crs.def, options);
  placement.place(coordinates);
  placement.checkArea();
  const buildings = extractBuildings({
    objects: document.CityObjects,
    coordinates,
    toWgs84: transformer(placement.to, WGS84),
    decimals: placement.exact ? decimalsOf(document.transform) : placedDecimals(placement),
  });
  acc.add(buildings, document.CityObjects);
  options.onProgress?.({ phase: 'buildings', done: buildings.length, total: buildings.length });
  const { def: _def, ...crsInfo } = crs;
  return {
    format: 'CityJSON',
    upgrade,
    crs: crsInfo,
    metadata: document.metadata ?? {},
    transform: document.transform ?? null,
    counts: { cityObjects: acc.objects, byType: acc.byType, vertices: acc.vertices, features: null },
    skipped: acc.skipped,
    placement: placement.report(),
    buildings: acc.buildings,
    bboxWgs84: acc.bbox,
    warnings: warningsOf(upgrade, acc, placement),
  };
}

async function importSeq(
  headerInput: unknown,
  headerLine: number,
  firstFeature: { text: string; line: number },
  lines: AsyncGenerator<string>,
  total: number | null,
  options: ImportOptions,
): Promise<CityJsonImport> {
  const every = options.progressEvery ?? DEFAULT_IMPORT_OPTIONS.progressEvery;
  if ((headerInput as { type?: unknown })?.type !== 'CityJSON') {
    throw new CityJsonError('feature', 'a CityJSONSeq starts with a CityJSON line carrying "transform" and metadata', null, headerLine);
  }
  const header: SeqHeader = parseSeqHeader(headerInput, headerLine);
  const crs = resolveImportCrs(header.document.metadata, options.crs);
  const placement = placementOf(crs.def, options);
  const toWgs84 = transformer(placement.to, WGS84);
  const decimals = placement.exact ? decimalsOf(header.transform) : placedDecimals(placement);
  const acc = new Accumulator();
  let features = 0;
  let next: { text: string; line: number } | null = firstFeature;
  while (next) {
    const { feature, coordinates } = parseFeature(next.text, header, next.line);
    acc.countObjects(feature.CityObjects, next.line);
    acc.vertices += feature.vertices.length;
    placement.place(coordinates, next.line);
    acc.add(extractBuildings({ objects: feature.CityObjects, coordinates, toWgs84, decimals }), feature.CityObjects);
    features++;
    if (features % every === 0) {
      options.onProgress?.({ phase: 'objects', done: features, total });
      await tick();
      options.signal?.throwIfAborted();
    }
    next = await nextNonEmpty(lines);
  }
  // The sequence as a whole: features may spread further than the first one.
  placement.checkArea();
  options.onProgress?.({ phase: 'objects', done: features, total: features });
  const { def: _def, ...crsInfo } = crs;
  return {
    format: 'CityJSONSeq',
    upgrade: header.upgrade,
    crs: crsInfo,
    metadata: header.document.metadata ?? {},
    transform: header.transform,
    counts: { cityObjects: acc.objects, byType: acc.byType, vertices: acc.vertices, features },
    skipped: acc.skipped,
    placement: placement.report(),
    buildings: acc.buildings,
    bboxWgs84: acc.bbox,
    warnings: warningsOf(header.upgrade, acc, placement),
  };
}

function warningsOf(upgrade: UpgradeReport, acc: Accumulator, placement: Placement): string[] {
  const warnings = upgrade.changes.map((c) => `upgraded from CityJSON ${upgrade.from}: ${c}`);
  warnings.push(...placement.warnings());
  const skipped = Object.entries(acc.skipped).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (skipped.length > 0) {
    const n = skipped.reduce((sum, [, c]) => sum + c, 0);
    warnings.push(`${n} CityObject(s) that are not buildings or parts of one were skipped: ${skipped.map(([type, c]) => `${c} ${type}`).join(', ')}`);
  }
  const noFootprint = acc.buildings.filter((b) => !b.footprint).map((b) => b.id);
  if (noFootprint.length > 0) warnings.push(`no footprint could be derived for ${noFootprint.length} building(s): ${noFootprint.slice(0, 5).join(', ')}${noFootprint.length > 5 ? ', ...' : ''}`);
  return warnings;
}
