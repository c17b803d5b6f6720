import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbedded, exitOf, type Embedded } from '../../../../test/helpers/embedded';
import { installSdk, type InstalledSdk } from './installed-sdk';

export const PASSWORD = 'Demo-Password-1';

type Sdk = InstalledSdk['sdk'];
export type ClientOptions = Parameters<Sdk['createClient']>[0];
export type Client = ReturnType<Sdk['createClient']>;
export type SdkError = InstanceType<Sdk['SupergraphError']>;

export interface SdkFixture {
  readonly installed: InstalledSdk;
  readonly supergraph: Embedded;
  /** A client of the installed SDK against the supergraph (closed after the file). */
  client(options?: Partial<ClientOptions>): Client;
  /** `login` of a demo account. */
  signIn(email: string): Promise<Awaited<ReturnType<Client['login']>>['login']>;
}

/**
 * Packs and installs the SDK (installed-sdk.ts) and starts the embedded supergraph with `env`,
 * once for the test file that calls this, and stops both after it.
 */
export function useSdkFixture(env: Record<string, string>): SdkFixture {
  let installed: InstalledSdk | undefined;
  let supergraph: Embedded | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'sdk-supergraph-'));
  const clients: Client[] = [];

  beforeAll(async () => {
    const starting = startEmbedded(dataDir, env);
    installed = installSdk();
    supergraph = await starting;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    if (supergraph) {
      supergraph.child.kill('SIGINT');
      await exitOf(supergraph);
    }
    installed?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const fixture: SdkFixture = {
    get installed() {
      if (!installed) throw new Error('the SDK is not installed yet');
      return installed;
    },
    get supergraph() {
      if (!supergraph) throw new Error('the supergraph has not started yet');
      return supergraph;
    },
    client(options = {}) {
      const created = fixture.installed.sdk.createClient({ url: fixture.supergraph.url, ...options });
      clients.push(created);
      return created;
    },
    async signIn(email) {
      const { login } = await fixture.client().login({ input: { email, password: PASSWORD } });
      return login;
    },
  };
  return fixture;
}

/** What a promise was rejected with (and a failure if it resolved), checked to be a SupergraphError of the installed SDK. */
export async function rejection(fixture: SdkFixture, promise: Promise<unknown>): Promise<SdkError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(fixture.installed.sdk.SupergraphError);
  return outcome.error as SdkError;
}

/** Reads a subscription until `until` holds for an event, leaving it open; every event read, in order. */
export async function readUntil<T>(subscription: AsyncIterableIterator<T>, until: (event: T) => boolean): Promise<T[]> {
  const events: T[] = [];
  for (let next = await subscription.next(); !next.done; next = await subscription.next()) {
    events.push(next.value);
    if (until(next.value)) return events;
  }
  throw new Error(`the subscription ended after ${JSON.stringify(events)}`);
}
