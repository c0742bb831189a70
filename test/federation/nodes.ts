import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { startPlatform, type RunningPlatform } from '../../src/app/platform.js';
import { injectJson } from '../support/inject.js';
import { ADMIN_KEY } from '../support/platform.js';
import { createPgDatabase, tempDir, type TestStore } from '../support/stores.js';
import type { NodeCert } from './certs.js';

export interface FederationNode extends RunningPlatform {
  /** The federation listener's base URL. */
  federationUrl: string;
  call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, key?: string | null): ReturnType<typeof injectJson>;
}

/** A whole platform that listens (port 0), with its federation listener on, on its own fresh store. */
export async function startNode(store: TestStore['name'], cert: NodeCert, ca: string): Promise<FederationNode> {
  const dir = tempDir();
  const pgdb = store === 'postgres' ? await createPgDatabase() : undefined;
  const platform = await startPlatform(
    {
      dataDir: dir.path,
      adminKey: ADMIN_KEY,
      logLevel: 'silent',
      demo: false,
      databaseUrl: pgdb?.url,
      port: 0,
      host: '127.0.0.1',
      mqttPort: 0,
      federationPort: 0,
      federationCert: cert.cert,
      federationKey: cert.key,
      federationCa: ca,
    },
    { env: {} },
  );
  const port = platform.services.federation?.federationPort as number;
  return {
    ...platform,
    federationUrl: `https://localhost:${port}`,
    call: (method, url, body, key = ADMIN_KEY) => injectJson(platform.app, method, url, body, { key }),
    async close() {
      await platform.close();
      await pgdb?.drop();
      dir.remove();
    },
  };
}

/** A GET on a federation listener as anyone with (or without) a certificate: what an intruder would try. */
export function rawGet(url: string, o: { cert?: NodeCert; ca: string; headers?: Record<string, string> }): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      ca: readFileSync(o.ca),
      cert: o.cert ? readFileSync(o.cert.cert) : undefined,
      key: o.cert ? readFileSync(o.cert.key) : undefined,
      agent: false,
      headers: o.headers,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.end();
  });
}
