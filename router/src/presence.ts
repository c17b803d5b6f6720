import { randomUUID } from 'node:crypto';
import { BODY_SIGNATURE_HEADER, signBody } from '@supergraph/auth';
import type { Logger } from '@supergraph/service-kit';

interface Connection {
  id: string;
  userId: string;
}

/** How long after its last report messaging keeps a connection: a few refresh periods, so one lost POST costs nothing. */
const TTL_REFRESHES = 3;
/** Connections per POST (about 100 bytes each). */
const BATCH = 5000;

/**
 * Tells the messaging subgraph which users hold an authenticated graphql-ws connection here
 * (`POST /internal/presence`, signed like the API-key lookup). Opens and closes go out in small
 * batches right away; every `refreshMs` all live connections are listed again, each kept for three
 * refresh periods, so the connections of a router that dies without a word lapse by themselves.
 * The router keeps nothing else: a restarted router starts from its own live connections. Only
 * sockets touch this, never the queries' path.
 */
export class PresenceReporter {
  private readonly live = new Map<string, Connection>();
  private opened: Connection[] = [];
  private closed: Connection[] = [];
  private flushing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly identitySecret: string,
    private readonly logger: Logger,
    private readonly refreshMs = 10_000,
  ) {
    this.timer = setInterval(() => void this.post({ connected: [...this.live.values()], closed: [] }), refreshMs).unref();
  }

  /** A user's socket was accepted; the returned id goes back to `disconnected`. */
  connected(userId: string): string {
    const connection = { id: randomUUID(), userId };
    this.live.set(connection.id, connection);
    this.opened.push(connection);
    this.schedule();
    return connection.id;
  }

  disconnected(id: string) {
    const connection = this.live.get(id);
    if (!connection) return;
    this.live.delete(id);
    this.closed.push(connection);
    this.schedule();
  }

  /** Router shutting down: its users' connections are gone now, not after their TTL. */
  async close() {
    clearInterval(this.timer);
    await this.flushing;
    this.closed.push(...this.live.values());
    this.live.clear();
    await this.flush();
  }

  /** Opens and closes within a few milliseconds share one POST. */
  private schedule() {
    this.flushing ??= new Promise<void>((resolve) => setTimeout(resolve, 20)).then(() => this.flush());
  }

  private async flush() {
    this.flushing = null;
    const connected = this.opened.filter((c) => this.live.has(c.id));
    const closed = this.closed;
    this.opened = [];
    this.closed = [];
    if (connected.length || closed.length) await this.post({ connected, closed });
  }

  /** In POSTs of at most BATCH connections. A failed one is logged, not retried: the next refresh lists every live connection again. */
  private async post({ connected, closed }: { connected: Connection[]; closed: Connection[] }) {
    for (let i = 0; i < Math.max(connected.length, closed.length); i += BATCH) await this.send({ connected: connected.slice(i, i + BATCH), closed: closed.slice(i, i + BATCH) });
  }

  private async send(batch: { connected: Connection[]; closed: Connection[] }) {
    const body = JSON.stringify({ ttlMs: this.refreshMs * TTL_REFRESHES, ...batch });
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [BODY_SIGNATURE_HEADER]: signBody(body, this.identitySecret) },
        body,
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) this.logger.warn('presence report refused', { status: response.status });
    } catch (error) {
      this.logger.warn('presence report failed', { error: String(error) });
    }
  }
}
