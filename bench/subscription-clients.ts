// A client process of bench/subscription-fanout.ts (forked, IPC): opens its share of the
// subscribers over graphql-ws, SSE (graphql-sse, one request per subscription) or Apollo's
// multipart protocol, reports when every one has its first event (the order as it stands), then
// records when each receives the CANCELLED event (ms, performance.timeOrigin + now(): comparable
// across processes).
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { now, sleep } from './lib';

export type Protocol = 'ws' | 'sse' | 'multipart';
export type ToClients = { type: 'open'; url: string; protocol: Protocol; query: string; groups: { orderId: string; token: string; count: number }[] } | { type: 'collect' } | { type: 'close' };
export type FromClients =
  | { type: 'ready'; ready: number; failed: number; firstError?: string }
  | { type: 'delivered'; count: number }
  /** [orderId, when the CANCELLED event arrived] per subscriber. */
  | { type: 'times'; times: [string, number][]; errors: number; firstError?: string };

const send = (message: FromClients) => process.send!(message);

const times: [string, number][] = [];
let errors = 0;
let firstError: string | undefined;
const closers: (() => void)[] = [];
const noteError = (error: unknown) => {
  errors++;
  firstError ??= String((error as { message?: string; reason?: string })?.message ?? (error as { reason?: string })?.reason ?? JSON.stringify(error)).slice(0, 300);
};

type Sink = { first: () => void; cancelled: () => void; failed: (error: unknown) => void };

/** Routes one result: the first is the initial state, a CANCELLED status afterwards is what is timed. */
function onResult(result: any, state: { first: boolean }, sink: Sink) {
  if (result?.errors?.length) return sink.failed(result.errors);
  const status = result?.data?.orderStatusChanged?.status;
  if (!status) return;
  if (state.first) {
    state.first = false;
    sink.first();
  } else if (status === 'CANCELLED') sink.cancelled();
}

function openWs(url: string, query: string, orderId: string, token: string, sink: Sink) {
  const client: Client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  const state = { first: true };
  client.subscribe({ query, variables: { id: orderId } }, { next: (r) => onResult(r, state, sink), error: (e) => sink.failed(e), complete: () => {} });
  closers.push(() => void client.dispose());
}

/** SSE (graphql-sse distinct-connections mode) or multipart: one streaming POST per subscriber. */
function openHttp(protocol: 'sse' | 'multipart', url: string, query: string, orderId: string, token: string, sink: Sink) {
  const controller = new AbortController();
  closers.push(() => controller.abort());
  const accept = protocol === 'sse' ? 'text/event-stream' : 'multipart/mixed;subscriptionSpec="1.0", application/json';
  const state = { first: true };
  void (async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables: { id: orderId } }),
      signal: controller.signal,
    });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const contentType = res.headers.get('content-type') ?? '';
    if (protocol === 'sse' && !contentType.startsWith('text/event-stream')) throw new Error(`not an event stream: ${contentType}`);
    if (protocol === 'multipart' && !contentType.startsWith('multipart/mixed')) throw new Error(`not multipart: ${contentType} ${(await res.text()).slice(0, 200)}`);
    const boundary = `--${/boundary="?([^";]+)"?/.exec(contentType)?.[1] ?? 'graphql'}`;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      if (protocol === 'sse') {
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trimStart())
            .join('\n');
          if (/^event:\s*next/m.test(message) && data) onResult(JSON.parse(data), state, sink);
        }
      } else {
        let start;
        while ((start = buffer.indexOf(boundary)) >= 0) {
          const next = buffer.indexOf(boundary, start + boundary.length);
          if (next < 0) break;
          const part = buffer.slice(start + boundary.length, next);
          buffer = buffer.slice(next);
          const body = part
            .split(/\r?\n\r?\n/)
            .slice(1)
            .join('\n\n')
            .trim();
          if (!body) continue;
          const json = JSON.parse(body);
          if (json.payload) onResult(json.payload, state, sink);
          else if (json.errors) sink.failed(json.errors);
        }
      }
    }
  })().catch((error) => {
    if (!controller.signal.aborted) sink.failed(error);
  });
}

process.on('message', async (message: ToClients) => {
  if (message.type === 'open') {
    const total = message.groups.reduce((n, g) => n + g.count, 0);
    let ready = 0;
    let failed = 0;
    let reported = false;
    const report = () => {
      if (!reported && ready + failed >= total) {
        reported = true;
        send({ type: 'ready', ready, failed, firstError });
      }
    };
    let lastSent = 0;
    let timer: NodeJS.Timeout | undefined;
    const progress = () => {
      timer = undefined;
      if (times.length !== lastSent) send({ type: 'delivered', count: (lastSent = times.length) });
    };
    let opened = 0;
    for (const group of message.groups) {
      for (let i = 0; i < group.count; i++) {
        let done = false;
        const sink: Sink = {
          first: () => {
            if (!done) {
              done = true;
              ready++;
              report();
            }
          },
          cancelled: () => {
            times.push([group.orderId, now()]);
            timer ??= setTimeout(progress, 20);
          },
          failed: (error) => {
            noteError(error);
            if (!done) {
              done = true;
              failed++;
              report();
            }
          },
        };
        if (message.protocol === 'ws') openWs(message.url, message.query, group.orderId, group.token, sink);
        else openHttp(message.protocol, message.url, message.query, group.orderId, group.token, sink);
        // Open in waves so that the router is not asked for thousands of handshakes at once.
        if (++opened % 200 === 0) await sleep(50);
      }
    }
    setTimeout(() => {
      if (!reported) {
        failed = total - ready;
        firstError ??= 'timed out waiting for the first event';
        report();
      }
    }, 180_000).unref();
  } else if (message.type === 'collect') {
    send({ type: 'times', times, errors, firstError });
  } else if (message.type === 'close') {
    for (const close of closers) close();
    setTimeout(() => process.exit(0), 500);
  }
});
