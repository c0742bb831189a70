import type { TLSSocket } from 'node:tls';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idSchema } from '../governance/index.js';
import type { AppContext } from '../kernel/capability.js';
import { AppError } from '../kernel/errors.js';
import { sendProblem } from '../kernel/http/problem.js';
import { zodValidatorCompiler } from '../kernel/http/validation.js';
import { logbookFor, parseTraceparent } from '../kernel/logbook/index.js';
import { present, requirePersonalDataTerms } from './contracts.js';
import { withinService } from './path-policy.js';
import { findPeerByFingerprint, getContract } from './store.js';
import { normaliseFingerprint, type TlsMaterial } from './tls.js';

export const FEDERATION_PREFIX = '/federation/v1';
/** The consumer sends the hash of its copy of the contract; the provider compares it with its own. */
export const CONTRACT_HASH_HEADER = 'thorbecke-contract-hash';
/** Headers of the local answer that travel back; nothing else of the inner request leaks. */
const PASSED_HEADERS = ['content-type', 'content-language', 'etag', 'last-modified', 'cache-control'];
/** The path a peer asked for is logged up to this length (a refusal's path is the caller's text). */
const MAX_LOGGED_PATH = 1000;

/** The caller's certificate fingerprint; the TLS layer has already checked it against the CA. */
function callerFingerprint(req: FastifyRequest): string {
  const socket = req.raw.socket as TLSSocket;
  const cert = socket.authorized ? socket.getPeerCertificate() : undefined;
  if (!cert?.fingerprint256) throw new AppError('peer-not-recognised', 'No verified client certificate on this connection');
  return normaliseFingerprint(cert.fingerprint256);
}

/**
 * The provider side: a listener apart from the public API, reachable only with a client
 * certificate from the federation CA. It serves one route, checks the contract, answers
 * from the node's own API in-process, and writes the exchange to the processing log.
 */
export async function startProviderListener(ctx: AppContext, api: FastifyInstance, tls: TlsMaterial, port: number): Promise<{ server: FastifyInstance; port: number }> {
  const server = Fastify({
    loggerInstance: ctx.log,
    https: { cert: tls.cert, key: tls.key, ca: tls.ca, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    forceCloseConnections: true,
    return503OnClosing: true,
  }) as unknown as FastifyInstance;
  server.setValidatorCompiler(zodValidatorCompiler);
  server.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
  server.setNotFoundHandler((request, reply) => sendProblem(request, reply, new AppError('not-found', `This listener serves only ${FEDERATION_PREFIX}/contracts/{id}/service/...`)));

  server.get(`${FEDERATION_PREFIX}/contracts/:id/service/*`, { schema: { params: z.object({ id: idSchema, '*': z.string() }) } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    // Only peers in the directory are logged: the log is append-only, and a certificate the
    // CA gave someone this node does not know must not be able to fill it.
    const caller = await findPeerByFingerprint(ctx.store, callerFingerprint(req));
    if (!caller) throw new AppError('peer-not-recognised', 'This certificate belongs to no peer in the directory of this node');
    const peer = caller.organisationId;
    const span = logbookFor(ctx).begin({ name: 'federation.provide', activityId: `contract:${id}`, context: parseTraceparent(req.headers.traceparent as string | undefined) });
    const raw = req.raw.url ?? '';
    const target = raw.slice(raw.indexOf('/service/') + '/service'.length);
    const attributes: Record<string, unknown> = { path: target.slice(0, MAX_LOGGED_PATH), method: req.method };
    try {
      const contract = await getContract(ctx.store, id);
      if (!contract) throw new AppError('contract-not-active', `No contract '${id}' on this node`);
      if (caller.organisationId !== contract.consumerId) {
        throw new AppError('peer-not-recognised', `This certificate is not that of '${contract.consumerId}', the consumer of contract '${id}'`);
      }
      const self = await findPeerByFingerprint(ctx.store, tls.fingerprint);
      if (self?.organisationId !== contract.providerId) throw new AppError('contract-not-active', `This node does not provide contract '${id}' (it is not '${contract.providerId}' in its own directory)`);
      const { state, active } = present(contract);
      if (!active) throw new AppError('contract-not-active', `Contract '${id}' is ${state === 'accepted' ? 'not valid yet' : state}`);
      if (req.headers[CONTRACT_HASH_HEADER] !== contract.contentHash) {
        throw new AppError('contract-mismatch', `The consumer's copy of contract '${id}' differs from the provider's (${CONTRACT_HASH_HEADER})`);
      }
      attributes.service = contract.service.name;
      const path = withinService(contract.service.pathPrefix, target);
      // A Datastream may have been declared personal after the contract was signed: then it is not served under it.
      await requirePersonalDataTerms(ctx.store, contract).catch((e: unknown) => {
        throw new AppError('outside-contract', e instanceof AppError ? e.detail : 'The service reaches personal data the contract does not cover');
      });
      const accept = req.headers.accept;
      const answer = await api.inject({ method: 'GET', url: path, headers: { traceparent: span.traceparent, ...(accept ? { accept } : {}) } });
      Object.assign(attributes, { httpStatus: answer.statusCode, bytes: answer.rawPayload.length });
      await span.end({ status: answer.statusCode < 400 ? 'ok' : 'error', peer, attributes });
      for (const h of PASSED_HEADERS) if (answer.headers[h] !== undefined) reply.header(h, answer.headers[h]);
      return reply.status(answer.statusCode).send(answer.rawPayload);
    } catch (error) {
      // A refusal is logged too: the log must show who asked for what, and why they got nothing.
      if (error instanceof AppError) attributes.code = error.code;
      await span.end({ status: 'error', peer, attributes });
      throw error;
    }
  });

  await server.listen({ port, host: ctx.config.host });
  const address = server.server.address();
  return { server, port: typeof address === 'object' && address ? address.port : port };
}
