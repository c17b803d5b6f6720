import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';

/** A subscription's events, error and end, for assertions. */
export interface Collected {
  events: any[];
  error: unknown;
  completed: boolean;
  dispose(): void;
}

/** graphql-ws clients of one test file over the router, closed together at the end. */
export class LiveClients {
  private readonly clients: WsClient[] = [];
  /** The raw sockets, so a test can kill one without a close frame. */
  readonly sockets: WebSocket[] = [];

  connect(httpUrl: string, token: string) {
    const sockets = this.sockets;
    class TrackedWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets.push(this);
      }
    }
    const client = createClient({
      url: httpUrl.replace(/^http/, 'ws'),
      webSocketImpl: TrackedWebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {},
    });
    this.clients.push(client);
    return client;
  }

  static collect(client: WsClient, query: string, variables: Record<string, unknown> = {}): Collected {
    const state: Collected = { events: [], error: undefined, completed: false, dispose: () => {} };
    state.dispose = client.subscribe({ query, variables }, { next: (e) => void state.events.push(e), error: (e) => void (state.error = e), complete: () => void (state.completed = true) });
    return state;
  }

  async close() {
    await Promise.all(this.clients.map((c) => c.dispose()));
  }
}

/** The code of a refused subscription, whether it came as an error or as an event with errors. */
export function refusalCode(sub: Collected): string | undefined {
  const errors = (sub.error as { extensions?: { code?: string } }[] | undefined) ?? sub.events[0]?.errors;
  return Array.isArray(errors) ? errors[0]?.extensions?.code : undefined;
}
