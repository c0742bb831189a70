/**
 * The CityJSON 2.0 conformance cases (cityjson-corpus): every case is read, and
 * every check its invariants.json names is run. A check id without an
 * implementation here fails, so a new case cannot pass silently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeVertices,
  encodeVertices,
  extractBuildings,
  forEachSurface,
  importCityJson,
  parseCityJsonDocument,
  parseFeature,
  resolveGeometryInstance,
  resolveHierarchy,
  resolvePoints,
  resolveSemantics,
  serializeCityJson,
  type CityJsonDocument,
  type CityJsonGeometry,
  type ParsedDocument,
} from '../../../src/twin/cityjson/index.js';

const ROOT = join(import.meta.dirname, '../../fixtures/cityjson/conformance');

interface Case {
  id: string;
  text: string;
  /** The file as published, parsed separately from what the reader sees. */
  original: CityJsonDocument & Record<string, unknown>;
  parsed: ParsedDocument | null;
  roundtrip: (CityJsonDocument & Record<string, unknown>) | null;
}

function loadCase(id: string): Case {
  const dir = join(ROOT, id);
  const file = readdirSync(dir).find((f) => f.includes('.city.'))!;
  const text = readFileSync(join(dir, file), 'utf8');
  const original = JSON.parse(text);
  if (original.type === 'CityJSONFeature') return { id, text, original, parsed: null, roundtrip: null };
  const parsed = parseCityJsonDocument(JSON.parse(text));
  return { id, text, original, parsed, roundtrip: serializeCityJson(parsed) as Case['roundtrip'] };
}

const doc = (c: Case): ParsedDocument => {
  expect(c.parsed, `${c.id} is a CityJSON document`).not.toBeNull();
  return c.parsed!;
};

function geometries(d: CityJsonDocument): CityJsonGeometry[] {
  return Object.values(d.CityObjects).flatMap((o) => o.geometry ?? []);
}

const roundtripEqual = (c: Case): void => {
  expect(c.roundtrip).toEqual(c.original);
};

/** A decimal scale as integer mantissa and power of ten: 3.048e-4 → [3048, 7]. */
function decimalParts(scale: number): [bigint, number] {
  const [digits = '', exponent = '0'] = scale.toExponential().split('e');
  const [whole = '', fraction = ''] = digits.split('.');
  return [BigInt(whole + fraction), fraction.length - Number(exponent)];
}

/** Largest distance between decoded coordinates and v × scale + translate computed from exact integers. */
function maxDrift(d: CityJsonDocument, coordinates: Float64Array): number {
  let max = 0;
  d.vertices.forEach((v, i) => {
    for (let k = 0; k < 3; k++) {
      const [mantissa, power] = decimalParts(d.transform!.scale[k]!);
      const product = BigInt(v[k]!) * mantissa;
      // One rounding of an exact rational (plus the translate): the reference the reader is held to.
      const exact = (power >= 0 ? Number(product) / 10 ** power : Number(product * 10n ** BigInt(-power))) + d.transform!.translate[k]!;
      max = Math.max(max, Math.abs(coordinates[i * 3 + k]! - exact));
    }
  });
  return max;
}

const CHECKS: Record<string, (c: Case) => void | Promise<void>> = {
  roundtrip_stable: roundtripEqual,
  roundtrip_stable_with_extra_members: (c) => {
    roundtripEqual(c);
    const extra = Object.keys(c.original).filter((k) => !['type', 'version', 'transform', 'CityObjects', 'vertices'].includes(k));
    for (const k of extra) expect(c.roundtrip![k]).toEqual(c.original[k]);
  },
  appearance_preserved: (c) => expect(c.roundtrip!.appearance).toEqual(c.original.appearance),
  material_assignment: (c) => {
    for (const g of geometries(c.roundtrip!)) {
      for (const m of Object.values(g.material ?? {})) {
        expect(m.value, 'uniform materials keep the single "value"').toBeTypeOf('number');
        expect(m.values).toBeUndefined();
      }
    }
  },
  default_material_texture_set: (c) => {
    const a = c.roundtrip!.appearance!;
    const themesM = new Set(geometries(c.roundtrip!).flatMap((g) => Object.keys(g.material ?? {})));
    const themesT = new Set(geometries(c.roundtrip!).flatMap((g) => Object.keys(g.texture ?? {})));
    expect(themesM.has(a['default-theme-material'] as string)).toBe(true);
    expect(themesT.has(a['default-theme-texture'] as string)).toBe(true);
  },
  multiple_material_texture_set: (c) => {
    const a = c.roundtrip!.appearance!;
    expect((a['materials'] as unknown[]).length).toBeGreaterThanOrEqual(2);
    expect((a['textures'] as unknown[]).length).toBeGreaterThanOrEqual(2);
    const g = geometries(c.roundtrip!)[0]!;
    expect(Object.keys(g.material!).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(g.texture!).length).toBeGreaterThanOrEqual(2);
  },
  cityobject_structure_preserved: (c) => {
    for (const [id, o] of Object.entries(c.original.CityObjects)) expect(c.roundtrip!.CityObjects[id]).toEqual(o);
  },
  cityobject_hierarchy_resolved: (c) => {
    const nodes = resolveHierarchy(doc(c).document.CityObjects);
    expect(nodes.size).toBe(Object.keys(c.original.CityObjects).length);
    for (const node of nodes.values()) {
      for (const child of node.children) {
        const n = nodes.get(child)!;
        expect(n.parents).toContain(node.id);
        expect(n.depth).toBeGreaterThan(0);
        expect(n.depth).toBeLessThanOrEqual(node.depth + 1);
      }
      // A part lives under its whole: BuildingPart under Building, TunnelPart under Tunnel, ...
      for (const whole of ['Building', 'Bridge', 'Tunnel']) {
        if (node.type.startsWith(whole) && node.type !== whole) {
          expect(node.parents.some((p) => nodes.get(p)!.type.startsWith(whole)), `${node.id} has a ${whole} parent`).toBe(true);
        }
      }
    }
  },
  building_address_preserved: (c) => {
    for (const [id, o] of Object.entries(c.original.CityObjects)) expect(c.roundtrip!.CityObjects[id]!.address).toEqual(o.address);
  },
  address_location_resolved: (c) => {
    const p = doc(c);
    const [object] = Object.values(p.document.CityObjects);
    const addresses = object!.address as unknown as Array<{ location: CityJsonGeometry }>;
    expect(addresses.length).toBeGreaterThan(0);
    for (const a of addresses) {
      const points = resolvePoints(a.location, p.coordinates);
      const index = (a.location.boundaries as number[])[0]!;
      const v = c.original.vertices[index]!;
      const { scale, translate } = c.original.transform!;
      expect(points).toEqual([[v[0]! * scale[0] + translate[0], v[1]! * scale[1] + translate[1], v[2]! * scale[2] + translate[2]]]);
    }
  },
  missing_geometry_member: (c) => {
    const p = doc(c);
    for (const o of Object.values(p.document.CityObjects)) expect(o.geometry).toBeUndefined();
    const buildings = extractBuildings({ objects: p.document.CityObjects, coordinates: p.coordinates, toWgs84: null, decimals: 3 });
    for (const b of buildings) {
      expect(b.surfaces).toEqual([]);
      expect(b.footprint).toBeNull();
    }
  },
  empty_geometry_member: (c) => {
    const p = doc(c);
    let surfaces = 0;
    for (const o of Object.values(p.document.CityObjects)) for (const g of o.geometry ?? []) forEachSurface(g, () => surfaces++);
    expect(surfaces).toBe(0);
  },
  cityobject_extension_type_preserved: (c) => {
    const types = Object.values(c.roundtrip!.CityObjects).map((o) => o.type);
    expect(types.filter((t) => t.startsWith('+')).length).toBeGreaterThan(0);
    expect(types).toEqual(Object.values(c.original.CityObjects).map((o) => o.type));
  },
  cityobject_extension_members_preserved: (c) => {
    for (const [id, o] of Object.entries(c.original.CityObjects)) {
      expect(c.roundtrip!.CityObjects[id]!.attributes).toEqual(o.attributes);
      expect(c.roundtrip!.CityObjects[id]!.children).toEqual(o.children);
      expect(c.roundtrip!.CityObjects[id]!.parents).toEqual(o.parents);
    }
  },
  vertex_indices_preserved: (c) => {
    expect(c.roundtrip!.vertices).toEqual(c.original.vertices);
    for (const [id, o] of Object.entries(c.original.CityObjects)) expect(c.roundtrip!.CityObjects[id]!.geometry).toEqual(o.geometry);
  },
  coordinates_precision_roundtrip: (c) => {
    const p = doc(c);
    const geographic = c.id.endsWith('wgs84');
    const metresPerUnit = geographic ? 111_320 : 1;
    expect(maxDrift(p.document, p.coordinates) * metresPerUnit).toBeLessThan(1e-4);
    // Decode → encode → decode lands on the same integers and the same coordinates.
    const again = decodeVertices(encodeVertices(p.coordinates, p.document.transform), p.document.transform);
    expect(encodeVertices(p.coordinates, p.document.transform)).toEqual(c.original.vertices);
    expect(Array.from(again)).toEqual(Array.from(p.coordinates));
  },
  transform_preserved: (c) => expect(c.roundtrip!.transform).toEqual(c.original.transform),
  coordinates_preserved: (c) => {
    const p = doc(c);
    expect(maxDrift(p.document, p.coordinates)).toBeLessThan(1e-6);
    // The case says RD New: every point lies in the RD domain.
    for (let i = 0; i < p.coordinates.length; i += 3) {
      expect(p.coordinates[i]).toBeGreaterThan(-7000);
      expect(p.coordinates[i]).toBeLessThan(300000);
      expect(p.coordinates[i + 1]).toBeGreaterThan(289000);
      expect(p.coordinates[i + 1]).toBeLessThan(629000);
    }
  },
  extension_member_preserved: (c) => expect(c.roundtrip!.extensions).toEqual(c.original.extensions),
  feature_boundaries_preserved: async (c) => {
    const { feature } = parseFeature(c.text, null);
    expect(feature).toEqual(c.original);
    expect(Object.keys(feature.CityObjects)).toContain(feature.id);
    // Streamed in a CityJSONSeq, one byte per chunk, the feature arrives whole and alone.
    const header = { type: 'CityJSON', version: '2.0', transform: { scale: [1, 1, 1], translate: [0, 0, 0] }, CityObjects: {}, vertices: [] };
    const seq = `${JSON.stringify(header)}\n${JSON.stringify(c.original)}\n${JSON.stringify({ ...c.original, id: 'other', CityObjects: { other: { type: 'Building' } } })}\n`;
    const bytes = new TextEncoder().encode(seq);
    const result = await importCityJson((function* () {
      for (const b of bytes) yield new Uint8Array([b]);
    })(), { crs: 'EPSG:7415' });
    expect(result.format).toBe('CityJSONSeq');
    expect(result.counts.features).toBe(2);
    expect(result.buildings.map((b) => b.id)).toEqual([c.original['id'], 'other']);
  },
  geometry_instance_preserved: (c) => {
    for (const [id, o] of Object.entries(c.original.CityObjects)) expect(c.roundtrip!.CityObjects[id]!.geometry).toEqual(o.geometry);
    expect(c.roundtrip!['geometry-templates']).toEqual(c.original['geometry-templates']);
  },
  geometry_instance_resolved: (c) => {
    const p = doc(c);
    const instances = geometries(p.document).filter((g) => g.type === 'GeometryInstance');
    expect(instances).toHaveLength(2);
    const placed = instances.map((g) => resolveGeometryInstance(g, p.document['geometry-templates']!, p.coordinates));
    // Template vertex (1, 2, 3): scaled by 2 at reference point (0, 0, 0), unscaled at (2, 2, 2).
    expect(placed[0]!.referencePoint).toEqual([0, 0, 0]);
    expect(Array.from(placed[0]!.coordinates)).toEqual([2, 4, 6]);
    expect(placed[1]!.referencePoint).toEqual([2, 2, 2]);
    expect(Array.from(placed[1]!.coordinates)).toEqual([3, 4, 5]);
    expect(placed[0]!.template.type).toBe('MultiPoint');
  },
  geometry_material_preserved: (c) => {
    geometries(c.original).forEach((g, i) => expect(geometries(c.roundtrip!)[i]!.material).toEqual(g.material));
    expect(c.roundtrip!.appearance).toEqual(c.original.appearance);
  },
  geometry_semantics_preserved: (c) => {
    geometries(c.original).forEach((g, i) => expect(geometries(c.roundtrip!)[i]!.semantics).toEqual(g.semantics));
    // Every null in values means "no semantic" for that primitive, and the iterator says so.
    for (const g of geometries(doc(c).document)) {
      const nulls = JSON.stringify(g.semantics!.values).match(/null/g)?.length ?? 0;
      let unlabelled = 0;
      let surfaces = 0;
      forEachSurface(g, (s) => {
        surfaces++;
        if (s.semantic === null) unlabelled++;
      });
      if (surfaces > 0) expect(unlabelled).toBeGreaterThanOrEqual(Math.min(nulls, 1));
    }
  },
  geometry_texture_preserved: (c) => {
    geometries(c.original).forEach((g, i) => expect(geometries(c.roundtrip!)[i]!.texture).toEqual(g.texture));
    expect(c.roundtrip!.appearance).toEqual(c.original.appearance);
  },
  metadata_properties_preserved: (c) => expect(c.roundtrip!.metadata).toEqual(c.original.metadata),
  metadata_extra_properties_preserved: (c) => {
    expect(c.roundtrip!.metadata).toEqual(c.original.metadata);
    expect(Object.keys(c.roundtrip!.metadata!)).toContain('notInSchema');
  },
  semantic_surface_preserved: (c) => {
    geometries(c.original).forEach((g, i) => expect(geometries(c.roundtrip!)[i]!.semantics).toEqual(g.semantics));
  },
  semantic_hierarchy_resolved: (c) => {
    const resolved = resolveSemantics(geometries(doc(c).document)[0]!);
    const roof = resolved.find((r) => r.surface.type === 'RoofSurface')!;
    const window = resolved.find((r) => r.surface.type === 'Window')!;
    expect(roof.children).toEqual([window]);
    expect(window.parent).toBe(roof);
  },
  semantic_attributes_resolved: (c) => {
    const roof = resolveSemantics(geometries(doc(c).document)[0]!).find((r) => r.surface.type === 'RoofSurface')!.surface;
    expect(roof['number']).toBe(1.234);
    expect(roof['string']).toBe('string');
    expect(roof['boolean']).toBe(true);
    expect(Number.isInteger(roof['integer'])).toBe(true);
  },
  semantic_extension_type_preserved: (c) => {
    const types = geometries(c.roundtrip!).flatMap((g) => g.semantics!.surfaces.map((s) => s.type));
    expect(types).toContain('+MySemantic');
  },
  semantic_extension_members_preserved: (c) => {
    geometries(c.original).forEach((g, i) => expect(geometries(c.roundtrip!)[i]!.semantics).toEqual(g.semantics));
    const ext = resolveSemantics(geometries(doc(c).document)[0]!).find((r) => r.surface.type === '+MySemantic')!;
    expect(ext.surface['integer']).toBe(42);
    expect(ext.parent?.surface.type).toBe('WallSurface');
    expect(ext.children.map((ch) => ch.index)).toEqual([2]);
  },
};

const cases = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('CityJSON 2.0 conformance cases', () => {
  it('finds all 34 cases', () => {
    expect(cases).toHaveLength(34);
  });

  for (const id of cases) {
    const invariants = JSON.parse(readFileSync(join(ROOT, id, 'invariants.json'), 'utf8')) as { kind: string; checks: Array<{ id: string }> };
    describe(id, () => {
      it('is read (positive case)', () => {
        expect(invariants.kind).toBe('positive');
        expect(() => loadCase(id)).not.toThrow();
      });
      for (const check of invariants.checks) {
        it(check.id, async () => {
          const run = CHECKS[check.id];
          expect(run, `no implementation for check '${check.id}'`).toBeDefined();
          await run!(loadCase(id));
        });
      }
    });
  }
});
