import type { TLSSocket } from 'node:tls';
import type { AuthenticateError, Client } from 'aedes';
import { hashKey, isAdmin, type AuthGuard, type Principal } from '../../kernel/auth/index.js';
import { AppError } from '../../kernel/errors.js';
import type { Logger } from '../../kernel/log.js';

/** What the broker knows of a connected client: who it is, and when its key was last checked. */
interface Session {
  principal?: Principal;
  /** SHA-256 of the key it signed in with; a revoked key stops a connected device within `recheckMs`. */
  keyHash?: string;
  checkedAt: number;
}

/** Topics only the platform publishes and only the administrator reads. */
export const isSystemTopic = (topic: string): boolean => topic.startsWith('$');

function remoteOf(client: Client): string {
  const socket = client.conn as { remoteAddress?: string };
  return socket.remoteAddress ?? 'unknown';
}

/** The subject serialNumber (OIN) of a client certificate the broker's CA signed, if the connection has one. */
function certificateOin(client: Client): string | undefined {
  const socket = client.conn as Partial<TLSSocket>;
  if (!socket.authorized || typeof socket.getPeerCertificate !== 'function') return undefined;
  const subject = socket.getPeerCertificate().subject as unknown as Record<string, string | string[]> | undefined;
  const serial = subject?.serialNumber;
  return Array.isArray(serial) ? serial[0] : serial;
}

/**
 * Authentication and identity of the embedded broker's clients, through the platform's
 * one guard: username = the organisation id (`admin` for the administrator key), password
 * = an API key of that organisation; or a client certificate whose subject serialNumber is
 * the organisation's OIN. A client without credentials connects anonymously and may only
 * subscribe to what the public API shows.
 */
export class BrokerAccess {
  private readonly sessions = new WeakMap<Client, Session>();
  refusedConnections = 0;

  constructor(
    private readonly guard: AuthGuard,
    private readonly log: Logger,
    /** How long a connection's key is trusted before it is looked up again. */
    private readonly recheckMs = 60_000,
  ) {}

  /** aedes' authenticate hook: CONNACK 0x05 (3.1.1) / 0x87 (5.0) for wrong credentials or too many failures. */
  readonly authenticate = (client: Client, username: string | undefined, password: Buffer | undefined, done: (error: AuthenticateError | null, success: boolean | null) => void): void => {
    void this.signIn(client, username, password).then(
      (session) => {
        this.sessions.set(client, session);
        done(null, true);
      },
      (error: unknown) => {
        this.refusedConnections++;
        const reason = error instanceof AppError ? error.code : 'error';
        this.log.warn({ client: client.id, remote: remoteOf(client), reason }, 'MQTT connection refused');
        done(Object.assign(new Error('not authorized'), { returnCode: 5 }) as AuthenticateError, false);
      },
    );
  };

  private async signIn(client: Client, username: string | undefined, password: Buffer | undefined): Promise<Session> {
    const remote = remoteOf(client);
    const oin = certificateOin(client);
    if (oin) return { principal: await this.guard.certificate(oin, remote), checkedAt: Date.now() };
    if (username === undefined && password === undefined) return { checkedAt: Date.now() };
    const key = password?.toString('utf8') ?? '';
    const principal = await this.guard.usernamePassword(username ?? '', key, remote);
    return { principal, keyHash: hashKey(key), checkedAt: Date.now() };
  }

  /** Who the client publishes for; undefined for an anonymous client or one whose key was revoked meanwhile. */
  async publisher(client: Client): Promise<Principal | undefined> {
    const session = this.sessions.get(client);
    if (!session?.principal) return undefined;
    if (session.keyHash && Date.now() - session.checkedAt > this.recheckMs) {
      if (!(await this.guard.stillValid(session.principal, session.keyHash))) {
        this.log.warn({ client: client.id }, 'MQTT client key was revoked; its publishes are refused');
        session.principal = undefined;
        return undefined;
      }
      session.checkedAt = Date.now();
    }
    return session.principal;
  }

  /** `$SYS` lists every client id: only the administrator reads it. */
  mayReadSystem(client: Client): boolean {
    return isAdmin(this.sessions.get(client)?.principal);
  }
}
