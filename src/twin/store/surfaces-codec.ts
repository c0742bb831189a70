import type { BuildingSurface, Position3 } from '../cityjson/index.js';

/**
 * 3D surfaces as a compact binary blob, about a third of their JSON size:
 *
 *   'TBS1' | u32 surfaces | f64 ox, oy, oz | u16 strings | (u16 length, UTF-8)*
 *   per surface: u16 objectId string | u16 semantic string (0xffff = none) | u16 rings
 *     per ring: u32 vertices | f32 (x-ox, y-oy, z-oz)*
 *
 * Little-endian. Offsets from the building's own minimum corner keep float32 exact to
 * well under a millimetre for anything smaller than a few kilometres.
 */
const MAGIC = 0x31534254; // 'TBS1' read as little-endian u32
const NONE = 0xffff;

export function encodeSurfaces(surfaces: readonly BuildingSurface[]): Buffer {
  let ox = Infinity;
  let oy = Infinity;
  let oz = Infinity;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      if (i >= NONE) throw new RangeError('too many distinct object ids in one building');
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  let size = 4 + 4 + 24 + 2;
  for (const s of surfaces) {
    ref(s.objectId);
    if (s.semantic !== null) ref(s.semantic);
    size += 6;
    for (const r of s.rings) {
      size += 4 + r.length * 12;
      for (const [x, y, z] of r) {
        if (x < ox) ox = x;
        if (y < oy) oy = y;
        if (z < oz) oz = z;
      }
    }
  }
  if (!Number.isFinite(ox)) ox = oy = oz = 0;
  const encoded = strings.map((s) => Buffer.from(s, 'utf8'));
  for (const e of encoded) size += 2 + e.length;
  const buf = Buffer.alloc(size);
  let o = 0;
  buf.writeUInt32LE(MAGIC, o);
  buf.writeUInt32LE(surfaces.length, (o += 4));
  buf.writeDoubleLE(ox, (o += 4));
  buf.writeDoubleLE(oy, (o += 8));
  buf.writeDoubleLE(oz, (o += 8));
  buf.writeUInt16LE(strings.length, (o += 8));
  o += 2;
  for (const e of encoded) {
    buf.writeUInt16LE(e.length, o);
    e.copy(buf, o + 2);
    o += 2 + e.length;
  }
  for (const s of surfaces) {
    buf.writeUInt16LE(index.get(s.objectId)!, o);
    buf.writeUInt16LE(s.semantic === null ? NONE : index.get(s.semantic)!, o + 2);
    buf.writeUInt16LE(s.rings.length, o + 4);
    o += 6;
    for (const r of s.rings) {
      buf.writeUInt32LE(r.length, o);
      o += 4;
      for (const [x, y, z] of r) {
        buf.writeFloatLE(x - ox, o);
        buf.writeFloatLE(y - oy, o + 4);
        buf.writeFloatLE(z - oz, o + 8);
        o += 12;
      }
    }
  }
  return buf;
}

/** Decodes what encodeSurfaces wrote; coordinates are rounded to the millimetre, as imported. */
export function decodeSurfaces(data: Uint8Array): BuildingSurface[] {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length < 34 || buf.readUInt32LE(0) !== MAGIC) throw new Error('not a TBS1 surfaces blob');
  const count = buf.readUInt32LE(4);
  const ox = buf.readDoubleLE(8);
  const oy = buf.readDoubleLE(16);
  const oz = buf.readDoubleLE(24);
  const nStrings = buf.readUInt16LE(32);
  let o = 34;
  const strings: string[] = [];
  for (let i = 0; i < nStrings; i++) {
    const len = buf.readUInt16LE(o);
    strings.push(buf.toString('utf8', o + 2, o + 2 + len));
    o += 2 + len;
  }
  // "+ 0" turns -0 (a rounded tiny negative) into 0.
  const mm = (v: number): number => Math.round(v * 1000) / 1000 + 0;
  const out: BuildingSurface[] = [];
  for (let s = 0; s < count; s++) {
    const objectId = strings[buf.readUInt16LE(o)]!;
    const sem = buf.readUInt16LE(o + 2);
    const nRings = buf.readUInt16LE(o + 4);
    o += 6;
    const rings: Position3[][] = [];
    for (let r = 0; r < nRings; r++) {
      const n = buf.readUInt32LE(o);
      o += 4;
      const ring: Position3[] = new Array(n);
      for (let i = 0; i < n; i++) {
        ring[i] = [mm(ox + buf.readFloatLE(o)), mm(oy + buf.readFloatLE(o + 4)), mm(oz + buf.readFloatLE(o + 8))];
        o += 12;
      }
      rings.push(ring);
    }
    out.push({ objectId, semantic: sem === NONE ? null : strings[sem]!, rings });
  }
  return out;
}
