import { createHash } from 'node:crypto';
import { Agent } from 'node:https';
import type { AppContext } from '../kernel/capability.js';
import type { TlsMaterial } from './tls.js';

/**
 * Kept-alive mutual TLS connections to each provider, so an exchange does not pay a full
 * handshake (about 5 ms, measured in bench/federation.ts) every time. An agent is tied to
 * this node's certificate and CA and to the fingerprint the directory holds for the peer:
 * when any of them changes, the old connections are closed and a new agent pins the new
 * one, so a connection is never reused past what the directory says now.
 */
interface Held {
  key: string;
  agent: Agent;
}

const byContext = new WeakMap<AppContext, Map<string, Held>>();

export function agentFor(ctx: AppContext, peerId: string, peerFingerprint: string, tls: TlsMaterial): Agent {
  let agents = byContext.get(ctx);
  if (!agents) byContext.set(ctx, (agents = new Map()));
  const key = `${peerFingerprint}|${tls.fingerprint}|${createHash('sha256').update(tls.ca).digest('hex')}`;
  const held = agents.get(peerId);
  if (held?.key === key) return held.agent;
  if (held) retire(held.agent);
  const agent = new Agent({ keepAlive: true, maxSockets: 16, maxFreeSockets: 4, cert: tls.cert, key: tls.key, ca: tls.ca });
  agents.set(peerId, { key, agent });
  return agent;
}

/**
 * An agent no longer handed out: its idle connections close now, exchanges under way finish
 * on theirs, and whatever is left closes a minute later.
 */
function retire(agent: Agent): void {
  for (const sockets of Object.values(agent.freeSockets)) for (const s of sockets ?? []) s.destroy();
  setTimeout(() => agent.destroy(), 60_000).unref();
}

/** Closes every kept connection of this platform (at shutdown). */
export function closeAgents(ctx: AppContext): void {
  for (const { agent } of byContext.get(ctx)?.values() ?? []) agent.destroy();
  byContext.delete(ctx);
}
