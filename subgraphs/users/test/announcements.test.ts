import { randomUUID } from 'node:crypto';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, graphql, viewerHeaders } from '@supergraph/testkit';
import { startUsers } from './helpers';

const REGISTER = `#graphql
  mutation Register($input: RegisterInput!) { register(input: $input) { user { id } } }`;
const ADD_ADDRESS = `#graphql
  mutation Add($input: AddAddressInput!) { addAddress(input: $input) { id isDefault } }`;
const RENAME = `#graphql
  mutation Rename($input: UpdateProfileInput!) { updateProfile(input: $input) { id name } }`;

/**
 * What users tells the other subgraphs (delivery's roster of couriers, orders' and delivery's
 * addresses): each change puts its event in the outbox in the change's own transaction, and a
 * refused change puts none.
 */
describe("users' announcements", () => {
  let users: RunningSubgraph;
  let messaging: Messaging;
  let url: string;

  const eventsAbout = async (topic: string, key: string, value: string) =>
    (await users.database.dataSource.query(`SELECT payload FROM outbox WHERE topic = $1 AND payload->>$2 = $3 ORDER BY seq`, [topic, key, value])).map((row: { payload: unknown }) => row.payload);

  beforeAll(async () => {
    ({ users, messaging, url } = await startUsers());
  });
  afterAll(async () => {
    await users?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('announces a registered user with their name and roles, never their email', async () => {
    const res = await graphql(url, REGISTER, { input: { email: `ann-${randomUUID()}@example.com`, password: 'long-enough-1', name: 'Ann' } });
    const userId = res.data.register.user.id;
    expect(await eventsAbout('users.user.upserted', 'userId', userId)).toEqual([{ userId, name: 'Ann', roles: ['CUSTOMER'] }]);

    const headers = viewerHeaders(userId, ['CUSTOMER']);
    await graphql(url, RENAME, { input: { name: 'Ann Other' } }, headers);
    await graphql(url, RENAME, { input: { name: 'Ann Other' } }, headers); // no change, no event
    expect(await eventsAbout('users.user.upserted', 'userId', userId)).toEqual([
      { userId, name: 'Ann', roles: ['CUSTOMER'] },
      { userId, name: 'Ann Other', roles: ['CUSTOMER'] },
    ]);
  });

  it('announces each address added, and the previous default when a new one takes its place', async () => {
    const userId = randomUUID();
    await users.database.dataSource.query(`INSERT INTO app_user (id, email, name, password_hash, roles) VALUES ($1, $2, 'Bo', 'x', '{CUSTOMER}')`, [userId, `bo-${userId}@example.com`]);
    const headers = viewerHeaders(userId, ['CUSTOMER']);
    const home = (await graphql(url, ADD_ADDRESS, { input: { line1: '1 Market Street', line2: 'Flat 2', city: 'Springfield', postalCode: '12345', country: 'us' } }, headers)).data.addAddress;
    expect(home.isDefault).toBe(true); // the first address is the default
    const refused = await graphql(url, ADD_ADDRESS, { input: { line1: '2 Nowhere', city: 'X', postalCode: '1', country: 'USA' } }, headers);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.country' });
    const office = (await graphql(url, ADD_ADDRESS, { input: { line1: '5 Office Park', city: 'Shelbyville', postalCode: '54321', country: 'US', isDefault: true } }, headers)).data.addAddress;

    expect(await eventsAbout('users.address.upserted', 'userId', userId)).toEqual([
      { addressId: home.id, userId, line1: '1 Market Street', city: 'Springfield', postalCode: '12345', country: 'US', isDefault: true },
      { addressId: home.id, userId, line1: '1 Market Street', city: 'Springfield', postalCode: '12345', country: 'US', isDefault: false },
      { addressId: office.id, userId, line1: '5 Office Park', city: 'Shelbyville', postalCode: '54321', country: 'US', isDefault: true },
    ]);
  });

  it("announces every demo account and the demo customers' default US addresses from the seed", async () => {
    const seeded = await startUsers({}, { seed: true, database: 'users_seeded' });
    try {
      const rows = await seeded.users.database.dataSource.query(`SELECT topic, payload FROM outbox ORDER BY seq`);
      const people = rows.filter((r: { topic: string }) => r.topic === 'users.user.upserted').map((r: { payload: { name: string; roles: string[] } }) => r.payload);
      expect(people).toHaveLength(9);
      expect(people.filter((p: { roles: string[] }) => p.roles.includes('COURIER')).map((p: { name: string }) => p.name)).toEqual(['Cody Courier', 'Kim Courier', 'Lee Courier']);
      const addresses = rows.filter((r: { topic: string }) => r.topic === 'users.address.upserted').map((r: { payload: Record<string, unknown> }) => r.payload);
      expect(addresses.map((a: Record<string, unknown>) => a.userId)).toEqual([
        '00000000-0000-4000-8000-000000000002', // customer@
        '00000000-0000-4000-8000-000000000008', // alice@
        '00000000-0000-4000-8000-000000000009', // bob@
      ]);
      for (const address of addresses) expect(address).toMatchObject({ country: 'US', isDefault: true, postalCode: expect.stringMatching(/^\d{5}$/) });
    } finally {
      await seeded.users.close();
      await seeded.messaging.close();
    }
  });
});
