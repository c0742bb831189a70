/**
 * A minimal binary glTF 2.0 (GLB) writer: one node, one mesh, one primitive per
 * group of triangles (positions, normals, indices), one material per group.
 * Layout: 12-byte header, JSON chunk (space-padded), BIN chunk (zero-padded).
 */
export interface GlbPrimitive {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
  /** RGBA, linear 0..1. */
  color: [number, number, number, number];
  name: string;
  extras?: Record<string, unknown>;
}

const GLB_MAGIC = 0x46546c67; // 'glTF'
const CHUNK_JSON = 0x4e4f534a;
const CHUNK_BIN = 0x004e4942;
const ARRAY_BUFFER = 34962;
const ELEMENT_ARRAY_BUFFER = 34963;
const FLOAT = 5126;
const UNSIGNED_SHORT = 5123;
const UNSIGNED_INT = 5125;

const pad4 = (n: number): number => (n + 3) & ~3;

export function writeGlb(primitives: readonly GlbPrimitive[], extras: Record<string, unknown>): Buffer {
  const accessors: object[] = [];
  const bufferViews: object[] = [];
  const chunks: Buffer[] = [];
  let offset = 0;
  const addView = (data: ArrayBufferView, target: number): number => {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    bufferViews.push({ buffer: 0, byteOffset: offset, byteLength: bytes.length, target });
    chunks.push(bytes);
    const padded = pad4(bytes.length);
    if (padded > bytes.length) chunks.push(Buffer.alloc(padded - bytes.length));
    offset += padded;
    return bufferViews.length - 1;
  };
  const gltfPrimitives: object[] = [];
  const materials: object[] = [];
  for (const p of primitives) {
    const count = p.positions.length / 3;
    if (count === 0 || p.indices.length === 0) continue;
    const min = [Infinity, Infinity, Infinity];
    const max = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < p.positions.length; i++) {
      const v = p.positions[i]!;
      const k = i % 3;
      if (v < min[k]!) min[k] = v;
      if (v > max[k]!) max[k] = v;
    }
    const pos = addView(p.positions, ARRAY_BUFFER);
    accessors.push({ bufferView: pos, componentType: FLOAT, count, type: 'VEC3', min, max });
    const posAcc = accessors.length - 1;
    accessors.push({ bufferView: addView(p.normals, ARRAY_BUFFER), componentType: FLOAT, count, type: 'VEC3' });
    const nrmAcc = accessors.length - 1;
    const small = count <= 0xffff;
    const indices = small ? Uint16Array.from(p.indices) : p.indices;
    accessors.push({ bufferView: addView(indices, ELEMENT_ARRAY_BUFFER), componentType: small ? UNSIGNED_SHORT : UNSIGNED_INT, count: indices.length, type: 'SCALAR' });
    const idxAcc = accessors.length - 1;
    materials.push({ name: p.name, pbrMetallicRoughness: { baseColorFactor: p.color, metallicFactor: 0, roughnessFactor: 0.9 }, doubleSided: true });
    gltfPrimitives.push({ attributes: { POSITION: posAcc, NORMAL: nrmAcc }, indices: idxAcc, material: materials.length - 1, mode: 4, ...(p.extras ? { extras: p.extras } : {}) });
  }
  const gltf: Record<string, unknown> = {
    asset: { version: '2.0', generator: 'Thorbecke twin' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ name: 'tile', ...(gltfPrimitives.length ? { mesh: 0 } : {}) }],
    extras,
  };
  if (gltfPrimitives.length) {
    gltf.meshes = [{ name: 'buildings', primitives: gltfPrimitives }];
    gltf.materials = materials;
    gltf.accessors = accessors;
    gltf.bufferViews = bufferViews;
    gltf.buffers = [{ byteLength: offset }];
  }
  const jsonBytes = Buffer.from(JSON.stringify(gltf), 'utf8');
  const jsonLength = pad4(jsonBytes.length);
  const binLength = offset;
  const total = 12 + 8 + jsonLength + (binLength > 0 ? 8 + binLength : 0);
  const out = Buffer.alloc(total);
  out.writeUInt32LE(GLB_MAGIC, 0);
  out.writeUInt32LE(2, 4);
  out.writeUInt32LE(total, 8);
  out.writeUInt32LE(jsonLength, 12);
  out.writeUInt32LE(CHUNK_JSON, 16);
  jsonBytes.copy(out, 20);
  out.fill(0x20, 20 + jsonBytes.length, 20 + jsonLength);
  if (binLength > 0) {
    let o = 20 + jsonLength;
    out.writeUInt32LE(binLength, o);
    out.writeUInt32LE(CHUNK_BIN, o + 4);
    o += 8;
    for (const c of chunks) {
      c.copy(out, o);
      o += c.length;
    }
  }
  return out;
}

/** Reads a GLB back (header, JSON, BIN): for tests and tools. */
export function readGlb(data: Uint8Array): { json: Record<string, any>; bin: Buffer | null } {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.readUInt32LE(0) !== GLB_MAGIC) throw new Error('not a GLB file');
  if (buf.readUInt32LE(4) !== 2) throw new Error('not glTF 2');
  if (buf.readUInt32LE(8) !== buf.length) throw new Error('GLB length does not match');
  const jsonLength = buf.readUInt32LE(12);
  if (buf.readUInt32LE(16) !== CHUNK_JSON) throw new Error('first chunk is not JSON');
  const json = JSON.parse(buf.toString('utf8', 20, 20 + jsonLength));
  const o = 20 + jsonLength;
  if (o >= buf.length) return { json, bin: null };
  const binLength = buf.readUInt32LE(o);
  if (buf.readUInt32LE(o + 4) !== CHUNK_BIN) throw new Error('second chunk is not BIN');
  return { json, bin: buf.subarray(o + 8, o + 8 + binLength) };
}
