import { createHash } from 'node:crypto';
import { perPlatform } from '../../kernel/per-platform.js';

/**
 * GLB tiles kept in memory per platform, keyed by scenario and tile. An import
 * clears everything; a scenario change clears that scenario's tiles. Another process
 * on the same database keeps its own cache: the ETag is a hash of the content, so
 * clients revalidate cheaply, and TTL bounds how long a stale tile can live there.
 */
export interface CachedTile {
  body: Buffer;
  etag: string;
  at: number;
}

const MAX_ENTRIES = 500;
const TTL_MS = 5 * 60_000;

export class TileCache {
  private readonly entries = new Map<string, CachedTile>();

  private key(scenario: string | null, tile: string): string {
    return `${scenario ?? ''}|${tile}`;
  }

  get(scenario: string | null, tile: string): CachedTile | undefined {
    const k = this.key(scenario, tile);
    const e = this.entries.get(k);
    if (!e) return undefined;
    if (Date.now() - e.at > TTL_MS) {
      this.entries.delete(k);
      return undefined;
    }
    // Re-insert so Map order is least-recently-used first.
    this.entries.delete(k);
    this.entries.set(k, e);
    return e;
  }

  set(scenario: string | null, tile: string, body: Buffer): CachedTile {
    const e = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, at: Date.now() };
    this.entries.set(this.key(scenario, tile), e);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return e;
  }

  /** Everything (after an import), or one scenario's tiles. */
  clear(scenario?: string): void {
    if (scenario === undefined) return this.entries.clear();
    for (const k of [...this.entries.keys()]) if (k.startsWith(`${scenario}|`)) this.entries.delete(k);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** One tile cache per running platform. */
export const tileCacheFor = perPlatform(() => new TileCache());
