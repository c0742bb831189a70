import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../support/platform.js';

describe('OpenAPI description', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform('sqlite');
  });
  afterAll(async () => p.close());

  it('is OpenAPI 3.1 generated from the route schemas', async () => {
    const { status, json } = await p.call('GET', '/api/v1/openapi.json');
    expect(status).toBe(200);
    expect(json.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/catalog/datasets', '/api/v1/catalog/datasets/{id}', '/api/v1/organisations', '/api/v1/mandates', '/api/v1/mandates/{id}']) {
      expect(Object.keys(json.paths)).toContain(path);
    }
    const post = json.paths['/api/v1/catalog/datasets'].post;
    const body = post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['title', 'description', 'publisherId', 'contactPoint', 'themes', 'accessRights', 'personalData']));
    expect(body.additionalProperties).toBe(false);
    expect(post.security).toBeDefined();
    const params = json.paths['/api/v1/catalog/datasets'].get.parameters.map((x: { name: string }) => x.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'theme', 'publisher', 'bbox', 'page', 'pageSize', 'sort']));
  });

  it('uses camelCase names throughout, as the API Design Rules ask', async () => {
    const { json } = await p.call('GET', '/api/v1/openapi.json');
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'properties' && v && typeof v === 'object') Object.keys(v).forEach((n) => names.add(n));
          walk(v);
        }
      }
    };
    walk(json.paths);
    const offenders = [...names].filter((n) => !/^(_links|[a-z][a-zA-Z0-9]*)$/.test(n));
    expect(offenders).toEqual([]);
  });

  it('serves a documentation page', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});
