import {
  AmbientLight,
  Color,
  CylinderGeometry,
  Group,
  DirectionalLight,
  HemisphereLight,
  Mesh,
  MeshStandardMaterial,
  PCFShadowMap,
  PerspectiveCamera,
  PlaneGeometry,
  Scene,
  SRGBColorSpace,
  TextureLoader,
  Vector3,
  WebGLRenderer,
  type Object3D,
} from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { SunHoursGrid, TileIndex } from './types.js';

interface GltfJson {
  extras?: { thorbecke?: { origin?: { x: number; y: number; z: number } } };
  meshes?: Array<{ primitives: Array<{ extras?: { features?: unknown[] } }> }>;
}

const DAY_SKY = new Color('#cfe0ef');
const NIGHT_SKY = new Color('#1c2633');
const START = new Vector3(70, 210, 200);

/**
 * The 3D view: GLB tiles placed around the district's centre (the scene origin, in
 * RD metres), a ground plane, a sun as a directional light with a shadow map, and an
 * optional sun-hours overlay. Renders on demand (camera moves, sun changes), not in a
 * loop, so an idle page costs nothing.
 */
export class TwinScene {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(45, 1, 1, 6000);
  private readonly controls: OrbitControls;
  private readonly sun = new DirectionalLight(0xfff4e0, 2.4);
  private readonly sky = new HemisphereLight(0xdfe9f5, 0x6f6759, 0.55);
  private readonly ambient = new AmbientLight(0xffffff, 0.1);
  private readonly ground: Mesh;
  private readonly tiles: Object3D[] = [];
  private overlay: Mesh | null = null;
  private readonly parking = new Group();
  private centre: [number, number] = [0, 0];
  private readonly resize: ResizeObserver;
  private pending = false;

  constructor(private readonly canvas: HTMLCanvasElement) {
    // preserveDrawingBuffer: screenshots and pixel tests read what is on screen.
    this.renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
    this.renderer.shadowMap.enabled = true;
    this.renderer.shadowMap.type = PCFShadowMap;
    this.scene.background = DAY_SKY.clone();
    this.camera.position.copy(START);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.maxPolarAngle = Math.PI / 2 - 0.05;
    this.controls.minDistance = 30;
    this.controls.maxDistance = 2500;
    this.controls.keyPanSpeed = 25;
    this.controls.listenToKeyEvents(canvas);
    this.controls.addEventListener('change', () => this.requestRender());

    this.sun.castShadow = true;
    this.sun.shadow.mapSize.set(2048, 2048);
    const cam = this.sun.shadow.camera;
    cam.left = -320;
    cam.right = 320;
    cam.top = 320;
    cam.bottom = -320;
    cam.near = 1;
    cam.far = 2000;
    this.sun.shadow.bias = -0.0004;
    this.sun.shadow.normalBias = 0.3;
    this.scene.add(this.sun, this.sun.target, this.sky, this.ambient);

    this.ground = new Mesh(new PlaneGeometry(4000, 4000), new MeshStandardMaterial({ color: 0xb8b2a4, roughness: 1 }));
    this.ground.rotation.x = -Math.PI / 2;
    this.ground.receiveShadow = true;
    this.scene.add(this.ground);
    this.scene.add(this.parking);

    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(canvas.parentElement ?? canvas);
    this.fit();
  }

  /** Loads every tile of the index; resolves with the number of buildings drawn. */
  async load(index: TileIndex, onTile?: (done: number, total: number) => void): Promise<number> {
    for (const t of this.tiles.splice(0)) this.scene.remove(t);
    if (index.centreRd) this.centre = index.centreRd;
    const loader = new GLTFLoader();
    let done = 0;
    let buildings = 0;
    await Promise.all(
      index.tiles.map(async (tile) => {
        const gltf = await loader.loadAsync(tile.href);
        const json = gltf.parser.json as GltfJson;
        const origin = json.extras?.thorbecke?.origin;
        // Primitive extras list the buildings (three.js does not copy them onto the meshes).
        for (const m of json.meshes ?? []) for (const prim of m.primitives) buildings += prim.extras?.features?.length ?? 0;
        const [ox, oy, oz] = origin ? [origin.x, origin.y, origin.z] : tile.originRd;
        gltf.scene.position.set(ox - this.centre[0], oz, -(oy - this.centre[1]));
        gltf.scene.traverse((o) => {
          const mesh = o as Mesh;
          if (!mesh.isMesh) return;
          mesh.castShadow = true;
          mesh.receiveShadow = true;
          const material = mesh.material as MeshStandardMaterial;
          if (material.name === 'planned') {
            // The plan glows a little, so it stands out in shadow too.
            material.emissive = new Color(0xe8731a);
            material.emissiveIntensity = 0.35;
          }
        });
        this.tiles.push(gltf.scene);
        this.scene.add(gltf.scene);
        onTile?.(++done, index.tiles.length);
      }),
    );
    this.requestRender();
    return buildings;
  }

  /** Puts the sun at azimuth (clockwise from RD grid north) and altitude, both in degrees. */
  setSun(gridAzimuth: number, altitude: number): void {
    const a = (gridAzimuth * Math.PI) / 180;
    const e = (altitude * Math.PI) / 180;
    const up = altitude > 0;
    // RD (east, north, up) -> scene (x, y, z) = (east, up, -north).
    const dir = new Vector3(Math.sin(a) * Math.cos(e), Math.sin(e), -Math.cos(a) * Math.cos(e));
    this.sun.position.copy(dir.multiplyScalar(800));
    this.sun.target.position.set(0, 0, 0);
    this.sun.intensity = up ? 2.4 : 0;
    // Twilight: the sky dims over the last few degrees before the sun sets.
    const light = Math.max(0, Math.min(1, (altitude + 6) / 12));
    this.sky.intensity = 0.15 + 0.4 * light;
    (this.scene.background as Color).copy(NIGHT_SKY).lerp(DAY_SKY, light);
    this.requestRender();
  }

  async showSunHours(result: SunHoursGrid): Promise<void> {
    this.clearSunHours();
    const texture = await new TextureLoader().loadAsync(result.png);
    texture.colorSpace = SRGBColorSpace;
    const { originX, originY, cellSize, cols, rows, planeHeight } = result.grid;
    const w = cols * cellSize;
    const h = rows * cellSize;
    const mesh = new Mesh(new PlaneGeometry(w, h), new MeshStandardMaterial({ map: texture, transparent: true, roughness: 1, depthWrite: false }));
    mesh.rotation.x = -Math.PI / 2;
    mesh.position.set(originX + w / 2 - this.centre[0], planeHeight + 0.15, -(originY + h / 2 - this.centre[1]));
    mesh.receiveShadow = true;
    this.overlay = mesh;
    this.scene.add(mesh);
    this.requestRender();
  }

  clearSunHours(): void {
    if (!this.overlay) return;
    this.scene.remove(this.overlay);
    this.overlay.geometry.dispose();
    const m = this.overlay.material as MeshStandardMaterial;
    m.map?.dispose();
    m.dispose();
    this.overlay = null;
    this.requestRender();
  }

  /** Live parking: a column per facility at its RD position, coloured by state (the facts table says it in words). */
  showParking(items: ReadonlyArray<{ rd: [number, number]; state: 'free' | 'busy' | 'full' | 'closed' | 'unknown' }>): void {
    for (const child of [...this.parking.children]) {
      const m = child as Mesh;
      m.geometry.dispose();
      (m.material as MeshStandardMaterial).dispose();
      this.parking.remove(m);
    }
    const colours = { free: 0x2e8b3d, busy: 0xd9822b, full: 0xc0392b, closed: 0x6b7280, unknown: 0x6b7280 };
    for (const p of items) {
      const column = new Mesh(new CylinderGeometry(7, 7, 24, 20), new MeshStandardMaterial({ color: colours[p.state], emissive: colours[p.state], emissiveIntensity: 0.3 }));
      column.position.set(p.rd[0] - this.centre[0], 12, -(p.rd[1] - this.centre[1]));
      column.castShadow = false;
      this.parking.add(column);
    }
    this.requestRender();
  }

  rotate(degrees: number): void {
    const offset = this.camera.position.clone().sub(this.controls.target);
    offset.applyAxisAngle(new Vector3(0, 1, 0), (degrees * Math.PI) / 180);
    this.camera.position.copy(this.controls.target).add(offset);
    this.controls.update();
  }

  zoom(factor: number): void {
    const offset = this.camera.position.clone().sub(this.controls.target).multiplyScalar(factor);
    const length = Math.min(this.controls.maxDistance, Math.max(this.controls.minDistance, offset.length()));
    this.camera.position.copy(this.controls.target).add(offset.setLength(length));
    this.controls.update();
  }

  reset(): void {
    this.controls.target.set(0, 0, 0);
    this.camera.position.copy(START);
    this.controls.update();
  }

  /** Draws now (for tests and screenshots that must not wait for the next frame). */
  renderNow(): void {
    this.pending = false;
    this.renderer.render(this.scene, this.camera);
  }

  private requestRender(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      if (this.pending) this.renderNow();
    });
  }

  private fit(): void {
    const box = (this.canvas.parentElement ?? this.canvas).getBoundingClientRect();
    const width = Math.max(1, Math.round(box.width));
    const height = Math.max(1, Math.round(box.height));
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.requestRender();
  }

  dispose(): void {
    this.resize.disconnect();
    this.controls.dispose();
    this.clearSunHours();
    this.scene.traverse((o) => {
      const mesh = o as Mesh;
      if (!mesh.isMesh) return;
      mesh.geometry.dispose();
      const m = mesh.material as MeshStandardMaterial;
      m.dispose();
    });
    this.renderer.dispose();
  }
}
