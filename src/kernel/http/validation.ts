import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { AppError, type InvalidParam } from '../errors.js';

type Part = 'body' | 'querystring' | 'params' | 'headers';
const PART_NAME: Record<Part, InvalidParam['in']> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

export function issuesToParams(issues: readonly z.core.$ZodIssue[], where: InvalidParam['in']): InvalidParam[] {
  return issues.map((issue) => {
    let name = issue.path.map(String).join('.');
    let reason = issue.message;
    if (issue.code === 'unrecognized_keys') {
      name = [...issue.path.map(String), ...issue.keys].join('.');
      reason = `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    }
    return { name: name || '(root)', reason, in: where };
  });
}

/** Validates every request part with its zod schema; failure is a problem naming each field. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const where = PART_NAME[(httpPart ?? 'body') as Part] ?? 'body';
  return (data: unknown) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const params = issuesToParams(result.error.issues, where);
    const detail = params.map((p) => `${p.name}: ${p.reason}`).join('; ');
    return { error: new AppError(where === 'query' ? 'invalid-query' : 'validation-failed', detail, params) };
  };
};

/** Responses are plain JSON; their zod schemas exist for the OpenAPI description. */
export const jsonSerializerCompiler = () => (data: unknown) => JSON.stringify(data);

function isZod(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** @fastify/swagger transform: route zod schemas become JSON Schema in the OpenAPI document. */
export function openApiTransform({ schema, url }: { schema: Record<string, unknown> | undefined; url: string }) {
  if (!schema) return { schema, url };
  const out: Record<string, unknown> = { ...schema };
  for (const part of ['body', 'querystring', 'params', 'headers'] as const) {
    const s = schema[part];
    if (isZod(s)) out[part] = toJsonSchema(s, 'input');
  }
  if (schema.response && typeof schema.response === 'object') {
    const response: Record<string, unknown> = {};
    for (const [status, s] of Object.entries(schema.response as Record<string, unknown>)) {
      if (isZod(s)) response[status] = toJsonSchema(s, 'output');
      else if (s && typeof s === 'object' && isZod((s as { schema?: unknown }).schema)) {
        const { schema: inner, ...rest } = s as { schema: z.ZodType };
        response[status] = { ...rest, ...toJsonSchema(inner, 'output') };
      } else response[status] = s;
    }
    out.response = response;
  }
  return { schema: out, url };
}
