import { randomUUID } from 'node:crypto';
import { cleanupTestResources, eventually, graphql } from '@supergraph/testkit';
import { LiveClients } from './helpers/live';
import { createProduct, eventsSettled, login, registerCustomer, startTestSupergraph, statementsPerSubgraph, type Client, type TestSupergraph } from './helpers/supergraph';

/** The inbox: fed by orders' status changes (and delivery, payments, backups), live to its owner. */
describe('notifications', () => {
  let sg: TestSupergraph;
  let admin: Client;
  let customer: Client;
  let productId: string;
  const live = new LiveClients();

  const checkout = async (client: Client) => {
    await client.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId });
    return (await client.data('mutation($k: String!) { checkout(input: { idempotencyKey: $k, paymentMethod: CARD, cardToken: "tok_visa" }) { id } }', { k: randomUUID() })).checkout.id as string;
  };

  beforeAll(async () => {
    sg = await startTestSupergraph();
    admin = await login(sg.url, 'admin@example.com');
    productId = await createProduct(sg, admin, { stock: 100, price: 1500, name: 'Notified mug' });
    customer = await registerCustomer(sg.url, 'notified');
  }, 120_000);
  afterAll(async () => {
    await live.close();
    await sg?.close();
    await cleanupTestResources();
  });

  it('tells the customer of their checkout live, and keeps it in their inbox', async () => {
    const sub = LiveClients.collect(live.connect(sg.url, customer.token!), 'subscription { notificationAdded { kind title read order { id status } } }');
    // The subscription is open once the customer's socket shows them ONLINE (the router reported it).
    await eventually(async () => (await customer.data('{ me { presence { status } } }')).me.presence?.status === 'ONLINE');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const orderId = await checkout(customer);
    await eventually(async () => sub.events.some((e) => e.data?.notificationAdded.title.includes('was placed')), { message: 'the placed notification, live' });
    const placed = sub.events.find((e) => e.data.notificationAdded.title.includes('was placed')).data.notificationAdded;
    expect(placed).toMatchObject({ kind: 'ORDER_STATUS', read: false, order: { id: orderId } });
    await eventually(async () => sub.events.some((e) => e.data.notificationAdded.title.includes('is paid')), { message: 'the paid notification, live' });

    const inbox = await customer.data('{ notifications(first: 20) { totalCount edges { node { id title order { id } } } } me { unreadNotificationCount } }');
    const titles = inbox.notifications.edges.map((e: any) => e.node.title);
    expect(titles).toEqual(expect.arrayContaining([expect.stringContaining('was placed'), expect.stringContaining('is confirmed'), expect.stringContaining('is paid')]));
    expect(inbox.me.unreadNotificationCount).toBe(inbox.notifications.totalCount);
    const first = inbox.notifications.edges[0].node.id;
    const read = await customer.data('mutation($id: ID!) { markNotificationRead(id: $id) { read readAt } }', { id: first });
    expect(read.markNotificationRead.read).toBe(true);
    expect((await customer.data('{ me { unreadNotificationCount } }')).me.unreadNotificationCount).toBe(inbox.me.unreadNotificationCount - 1);
    const unreadOnly = await customer.data('{ notifications(unreadOnly: true) { totalCount } }');
    expect(unreadOnly.notifications.totalCount).toBe(inbox.me.unreadNotificationCount - 1);
  });

  it("tells an agent's owner of a failed backup live: backups' alert becomes a notification once", async () => {
    const owner = await registerCustomer(sg.url, 'backup-owner');
    const sub = LiveClients.collect(live.connect(sg.url, owner.token!), 'subscription { notificationAdded { kind title body read } }');
    await eventually(async () => (await owner.data('{ me { presence { status } } }')).me.presence?.status === 'ONLINE');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { createBackupPolicy } = await owner.data('mutation($i: CreateBackupPolicyInput!) { createBackupPolicy(input: $i) { id } }', {
      i: { name: 'nightly', expectedIntervalMinutes: 60, retentionDays: 7 },
    });
    const { registerBackupAgent } = await owner.data('mutation($i: RegisterBackupAgentInput!) { registerBackupAgent(input: $i) { apiKey } }', {
      i: { hostname: 'files.owner.example', os: 'Debian 12', policyId: createBackupPolicy.id },
    });
    const finishedAt = new Date(Date.now() - 60_000);
    const failed = { status: 'FAILED', startedAt: new Date(finishedAt.getTime() - 60_000).toISOString(), finishedAt: finishedAt.toISOString(), error: 'disk full' };
    const report = await graphql(sg.url, 'mutation($i: ReportBackupJobInput!) { reportBackupJob(input: $i) { status } }', { i: failed }, { 'x-api-key': registerBackupAgent.apiKey });
    expect(report.errors).toBeUndefined();

    await eventually(async () => sub.events.some((e) => e.data?.notificationAdded.kind === 'BACKUP_ALERT'), { message: 'the backup alert, live in the inbox' });
    expect(sub.events.find((e) => e.data?.notificationAdded.kind === 'BACKUP_ALERT').data.notificationAdded).toMatchObject({
      title: expect.stringContaining('files.owner.example'),
      body: 'Backups of files.owner.example are failing.',
      read: false,
    });
    // A second failure while the alert is open raises nothing new, so the inbox holds one.
    await graphql(
      sg.url,
      'mutation($i: ReportBackupJobInput!) { reportBackupJob(input: $i) { status } }',
      { i: { ...failed, startedAt: new Date(finishedAt.getTime() - 30_000).toISOString() } },
      { 'x-api-key': registerBackupAgent.apiKey },
    );
    await eventually(() => eventsSettled(Object.values(sg.supergraph.subgraphs)), { message: 'every event relayed and handled' });
    const { notifications } = await owner.data('{ notifications(first: 20) { edges { node { kind } } } }');
    expect(notifications.edges.filter((e: any) => e.node.kind === 'BACKUP_ALERT')).toHaveLength(1);
  });

  it("keeps one's inbox to oneself (and admins)", async () => {
    const other = await registerCustomer(sg.url, 'nosy');
    const { notifications } = await customer.data('{ notifications(first: 1) { edges { node { id } } } }');
    const id = notifications.edges[0].node.id;
    const mark = await other.request('mutation($id: ID!) { markNotificationRead(id: $id) { id } }', { id });
    expect(mark.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const asAdmin = await admin.data('query($u: ID!) { user(id: $u) { unreadNotificationCount } }', { u: customer.userId });
    expect(asAdmin.user.unreadNotificationCount).toBeGreaterThan(0);
  });

  it('answers an order, its customer with presence, unread notifications, products and payment with a constant number of statements per subgraph', async () => {
    const QUERY = `query { me { orders(first: 50) { edges { node { id status total { amount }
      customer { name presence { status } unreadNotificationCount notifications(first: 3) { edges { node { title } } } }
      items { quantity product { name price { amount } } }
      payment { status amount { amount } } } } } } }`;
    const measure = async () => statementsPerSubgraph(sg, () => customer.data(QUERY));
    const paid = async () =>
      eventually(async () => (await customer.data(QUERY)).me.orders.edges.every((e: any) => e.node.status === 'PAID' && e.node.payment?.status === 'CAPTURED'), { timeoutMs: 30_000 });
    await paid();
    const one = await measure();
    for (let i = 0; i < 3; i++) await checkout(customer);
    await paid();
    await eventually(async () => (await customer.data(QUERY)).me.orders.edges.length === 4);
    const many = await measure();
    expect(many).toEqual(one);
    expect(one.messaging).toBeGreaterThan(0);
    const result = await customer.data(QUERY);
    expect(result.me.orders.edges[0].node.customer).toMatchObject({ name: 'notified', presence: { status: expect.any(String) }, unreadNotificationCount: expect.any(Number) });
  }, 90_000);
});
