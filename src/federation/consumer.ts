import { request, type Agent } from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import type { AppContext } from '../kernel/capability.js';
import { AppError, notFound } from '../kernel/errors.js';
import { logbookFor, type TraceContext } from '../kernel/logbook/index.js';
import { agentFor } from './agents.js';
import { present } from './contracts.js';
import { withinService } from './path-policy.js';
import { CONTRACT_HASH_HEADER, FEDERATION_PREFIX } from './provider.js';
import { findPeerByFingerprint, getContract, getPeer } from './store.js';
import { loadTlsMaterial, normaliseFingerprint } from './tls.js';

/** Answers larger than this are cut off: a contract shares a service, not a bulk dump. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

export interface FetchedAnswer {
  status: number;
  contentType?: string;
  body: Buffer;
  traceId: string;
  spanId: string;
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * The consumer side: reads `path` from the provider of contract `contractId` over mutual
 * TLS, as this node (its federation certificate), and logs the exchange under the trace
 * it sends on. Refuses locally what the provider would refuse anyway.
 */
export async function fetchUnderContract(ctx: AppContext, contractId: string, path: string, opts: { accept?: string; context?: TraceContext } = {}): Promise<FetchedAnswer> {
  let tls;
  try {
    tls = loadTlsMaterial(ctx.config);
  } catch (error) {
    throw new AppError('service-unavailable', 'This node has no federation certificate: set THORBECKE_FEDERATION_CERT, _KEY and _CA', [], error);
  }
  const contract = await getContract(ctx.store, contractId);
  if (!contract) throw notFound('Contract', contractId);
  const self = await findPeerByFingerprint(ctx.store, tls.fingerprint);
  if (self?.organisationId !== contract.consumerId) {
    throw new AppError('contract-not-active', `This node is not '${contract.consumerId}', the consumer of contract '${contractId}', in its own directory`);
  }
  const { state, active } = present(contract);
  if (!active) throw new AppError('contract-not-active', `Contract '${contractId}' is ${state === 'accepted' ? 'not valid yet' : state}`);
  const target = withinService(contract.service.pathPrefix, path);
  const provider = await getPeer(ctx.store, contract.providerId);
  if (!provider) throw new AppError('peer-unreachable', `The directory has no peer for '${contract.providerId}', the provider`);

  const span = logbookFor(ctx).begin({ name: 'federation.fetch', activityId: `contract:${contractId}`, peer: provider.organisationId, context: opts.context });
  const attributes: Record<string, unknown> = { path: target, method: 'GET', service: contract.service.name };
  let answer: RawAnswer;
  try {
    answer = await get(`${provider.baseUrl}${FEDERATION_PREFIX}/contracts/${encodeURIComponent(contractId)}/service${target}`, {
      agent: agentFor(ctx, provider.organisationId, provider.certificateFingerprint, tls),
      fingerprint: provider.certificateFingerprint,
      headers: { traceparent: span.traceparent, [CONTRACT_HASH_HEADER]: contract.contentHash, ...(opts.accept ? { accept: opts.accept } : {}) },
    });
  } catch (error) {
    attributes.error = (error as Error).message;
    await span.end({ status: 'error', attributes });
    throw new AppError('peer-unreachable', `${provider.organisationId} (${provider.baseUrl}): ${(error as Error).message}`, [], error);
  }
  attributes.httpStatus = answer.status;
  attributes.bytes = answer.body.length;
  if (answer.status >= 400) {
    const problem = parseProblem(answer.body);
    if (problem?.code) attributes.code = problem.code;
    await span.end({ status: 'error', attributes });
    throw new AppError('peer-refused', `${provider.organisationId} answered ${answer.status}${problem?.code ? ` ${problem.code}` : ''}${problem?.detail ? `: ${problem.detail}` : ''}`);
  }
  await span.end({ status: 'ok', attributes });
  const contentType = answer.headers['content-type'];
  return { status: answer.status, contentType: typeof contentType === 'string' ? contentType : undefined, body: answer.body, traceId: span.traceId, spanId: span.spanId };
}

function parseProblem(body: Buffer): { code?: string; detail?: string } | undefined {
  try {
    return JSON.parse(body.toString('utf8')) as { code?: string; detail?: string };
  } catch {
    return undefined;
  }
}

/**
 * One GET over mutual TLS. The provider's certificate must chain to the federation CA,
 * match the host name, and have the fingerprint the directory holds (pinning: a
 * certificate the CA gave another peer does not pass).
 */
function get(url: string, o: { agent: Agent; fingerprint: string; headers: Record<string, string> }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'GET',
      agent: o.agent,
      timeout: TIMEOUT_MS,
      headers: o.headers,
      checkServerIdentity(host: string, cert: PeerCertificate) {
        const err = checkServerIdentity(host, cert);
        if (err) return err;
        if (normaliseFingerprint(cert.fingerprint256) !== o.fingerprint) return new Error(`the certificate of ${host} is not the one the directory holds for this peer`);
        return undefined;
      },
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) return req.destroy(new Error(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`));
        chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.end();
  });
}
