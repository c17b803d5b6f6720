import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ErrorCode } from '@supergraph/errors';
import { checkAgents } from '@supergraph/backups/src/services/checker';
import { DEMO_AGENTS } from '@supergraph/backups/src/seed';
import { cleanupTestResources, eventually, graphql } from '@supergraph/testkit';
import { Client, login, startTestSupergraph, statementsPerSubgraph, type TestSupergraph } from './helpers/supergraph';

const CREATE_POLICY = 'mutation($i: CreateBackupPolicyInput!) { createBackupPolicy(input: $i) { id } }';
const REGISTER = 'mutation($i: RegisterBackupAgentInput!) { registerBackupAgent(input: $i) { apiKey agent { id } } }';
const REPORT = 'mutation($i: ReportBackupJobInput!) { reportBackupJob(input: $i) { status agent { id hostname health owner { email } } } }';
const ALERT_FIELDS = 'id cause severity status agent { id hostname owner { email } }';
const MINUTE = 60_000;

/** BackupGuard end to end: agent keys through the router, the checker's alert live to its owner, and privacy between owners. */
describe('backups through the router', () => {
  let sg: TestSupergraph;
  let customer: Client;
  let alice: Client;
  const clients: WsClient[] = [];

  /** An agent's requests: its key as `x-api-key`, nothing else. */
  const asAgent = (apiKey: string) => ({
    report: (input: Record<string, unknown>) => graphql(sg.url, REPORT, { i: input }, { 'x-api-key': apiKey }),
  });
  const job = (status: 'SUCCEEDED' | 'FAILED', finishedMinutesAgo = 1) => {
    const finishedAt = Date.now() - finishedMinutesAgo * MINUTE;
    return {
      status,
      startedAt: new Date(finishedAt - 5 * MINUTE + Math.floor(Math.random() * 1000)).toISOString(),
      finishedAt: new Date(finishedAt).toISOString(),
      error: status === 'FAILED' ? 'no space' : null,
    };
  };
  async function agentOf(owner: Client, hostname: string, expectedIntervalMinutes = 15) {
    const { createBackupPolicy } = await owner.data(CREATE_POLICY, { i: { name: `${hostname} policy`, expectedIntervalMinutes, retentionDays: 7 } });
    const { registerBackupAgent } = await owner.data(REGISTER, { i: { hostname, os: 'Debian 12', policyId: createBackupPolicy.id } });
    return { id: registerBackupAgent.agent.id as string, ...asAgent(registerBackupAgent.apiKey) };
  }
  function alertsOf(client: Client) {
    const ws = createClient({ url: sg.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${client.token}` }, retryAttempts: 0, lazy: true });
    clients.push(ws);
    const events: any[] = [];
    ws.subscribe({ query: `subscription { backupAlertRaised { ${ALERT_FIELDS} } }` }, { next: (e) => void events.push(e), error: (e) => void events.push({ error: e }), complete: () => {} });
    return events;
  }

  beforeAll(async () => {
    sg = await startTestSupergraph();
    customer = await login(sg.url, 'customer@example.com');
    alice = await login(sg.url, 'alice@example.com');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await sg?.close();
    await cleanupTestResources();
  });

  it('seeds a healthy and a late agent for the demo customer; the checker flags the late one soon after start', async () => {
    const seeded = await eventually(async () => {
      const { backupAgents } = await customer.data('{ backupAgents { edges { node { id hostname health jobs(first: 3) { edges { node { status } } } } } } }');
      const byId = Object.fromEntries(backupAgents.edges.map((e: any) => [e.node.id, e.node]));
      return byId[DEMO_AGENTS.late.id]?.health === 'CRITICAL' && byId;
    });
    expect(seeded[DEMO_AGENTS.healthy.id]).toMatchObject({ hostname: DEMO_AGENTS.healthy.hostname, health: 'HEALTHY' });
    expect(seeded[DEMO_AGENTS.healthy.id].jobs.edges).toHaveLength(3);
    const { backupAlerts } = await customer.data(`{ backupAlerts(status: OPEN) { edges { node { ${ALERT_FIELDS} } } } }`);
    expect(backupAlerts.edges.map((e: any) => e.node)).toContainEqual(
      expect.objectContaining({ cause: 'MISSED_BACKUP', severity: 'CRITICAL', agent: { id: DEMO_AGENTS.late.id, hostname: DEMO_AGENTS.late.hostname, owner: { email: 'customer@example.com' } } }),
    );
  });

  it('takes an agent key as x-api-key: each key reports for its own agent, a revoked one no more', async () => {
    const mine = await agentOf(customer, 'nas.customer.example');
    const hers = await agentOf(alice, 'laptop.alice.example');
    const reported = await mine.report(job('SUCCEEDED'));
    expect(reported.errors).toBeUndefined();
    // The key speaks for its owner in backups only: to users it is no one, so the owner's email stays hidden.
    expect(reported.data.reportBackupJob).toMatchObject({ status: 'SUCCEEDED', agent: { id: mine.id, health: 'HEALTHY', owner: { email: null } } });
    expect((await hers.report(job('SUCCEEDED'))).data.reportBackupJob.agent.id).toBe(hers.id);

    const jobsOf = async (owner: Client, id: string) =>
      (await owner.data('{ backupAgents(first: 100) { edges { node { id jobs { edges { node { status } } } } } } }')).backupAgents.edges.find((e: any) => e.node.id === id).node.jobs.edges.length;
    expect([await jobsOf(customer, mine.id), await jobsOf(alice, hers.id)]).toEqual([1, 1]);

    expect((await graphql(sg.url, REPORT, { i: job('SUCCEEDED') }, { 'x-api-key': `sgb_${'0'.repeat(32)}_${'A'.repeat(43)}` })).errors?.[0]?.extensions?.code).toBe(ErrorCode.UNAUTHENTICATED);
    await alice.data('mutation($id: ID!) { revokeBackupAgentKey(id: $id) { id } }', { id: hers.id });
    expect((await hers.report(job('SUCCEEDED'))).errors?.[0]?.extensions?.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(await jobsOf(alice, hers.id)).toBe(1);
  });

  it("streams an alert live to its owner only, and the agent's next success resolves it", async () => {
    const mine = await agentOf(customer, 'db.customer.example');
    const hers = await agentOf(alice, 'phone.alice.example');
    const customerEvents = alertsOf(customer);
    const aliceEvents = alertsOf(alice);
    // Readiness probe: a failure raises a FAILED_BACKUP alert, a success resolves it; again until the stream carries one.
    await eventually(
      async () => {
        await mine.report(job('FAILED', 3));
        await mine.report(job('SUCCEEDED', 2));
        return customerEvents.length > 0;
      },
      { intervalMs: 200, message: 'the subscription to carry a first alert' },
    );
    expect(customerEvents[0].data.backupAlertRaised).toMatchObject({ cause: 'FAILED_BACKUP', agent: { id: mine.id } });
    customerEvents.length = 0;

    // Both new agents (15-minute policies) are 31 minutes late on the checker's clock: CRITICAL.
    await checkAgents(sg.supergraph.subgraphs.backups.runtime, new Date(Date.now() + 31 * MINUTE));
    await eventually(async () => customerEvents.some((e) => e.data?.backupAlertRaised.agent.id === mine.id) && aliceEvents.some((e) => e.data?.backupAlertRaised.agent.id === hers.id), {
      message: 'each owner to receive the alert of their agent',
    });
    const raised = customerEvents.find((e) => e.data?.backupAlertRaised.agent.id === mine.id).data.backupAlertRaised;
    expect(raised).toMatchObject({ cause: 'MISSED_BACKUP', severity: 'CRITICAL', status: 'OPEN', agent: { hostname: 'db.customer.example', owner: { email: 'customer@example.com' } } });
    for (const event of aliceEvents) expect(event.data.backupAlertRaised.agent.owner.email).toBe('alice@example.com');
    for (const event of customerEvents) expect(event.data.backupAlertRaised.agent.owner.email).toBe('customer@example.com');

    // Alice can neither see nor acknowledge it; its owner can; the next success resolves it.
    expect((await alice.request('mutation($id: ID!) { acknowledgeBackupAlert(id: $id) { id } }', { id: raised.id })).errors?.[0]?.extensions?.code).toBe(ErrorCode.NOT_FOUND);
    expect((await customer.data('mutation($id: ID!) { acknowledgeBackupAlert(id: $id) { status } }', { id: raised.id })).acknowledgeBackupAlert.status).toBe('ACKNOWLEDGED');
    expect((await mine.report(job('SUCCEEDED'))).data.reportBackupJob.agent.health).toBe('HEALTHY');
    const { backupAlerts } = await customer.data(`{ backupAlerts(status: RESOLVED, first: 100) { edges { node { id } } } }`);
    expect(backupAlerts.edges.map((e: any) => e.node.id)).toContain(raised.id);
  });

  it("keeps owners apart: another user's agents, alerts and reports are not theirs to read; operators see all", async () => {
    const mine = await agentOf(customer, 'private.customer.example');
    const aliceAgents = (await alice.data('{ backupAgents(first: 100) { edges { node { id owner { email } } } } }')).backupAgents.edges;
    expect(aliceAgents.length).toBeGreaterThan(0);
    for (const edge of aliceAgents) expect(edge.node.owner.email).toBe('alice@example.com');
    const aliceAlerts = (await alice.data(`{ backupAlerts(first: 100) { edges { node { ${ALERT_FIELDS} } } } }`)).backupAlerts.edges;
    for (const edge of aliceAlerts) expect(edge.node.agent.owner.email).toBe('alice@example.com');
    const report = await alice.request('query($id: ID!, $f: DateTime!, $t: DateTime!) { backupReport(agentId: $id, from: $f, to: $t) { jobs } }', {
      id: mine.id,
      f: new Date(Date.now() - 60 * MINUTE).toISOString(),
      t: new Date().toISOString(),
    });
    expect(report.errors?.[0]?.extensions?.code).toBe(ErrorCode.NOT_FOUND);

    const operator = await login(sg.url, 'operator@example.com');
    const all = (await operator.data('{ backupAgents(first: 100) { totalCount edges { node { id } } } }')).backupAgents;
    expect(all.edges.map((e: any) => e.node.id)).toEqual(expect.arrayContaining([mine.id, DEMO_AGENTS.late.id, aliceAgents[0].node.id]));
    expect((await customer.data('{ me { backupAgents(first: 100) { id } } }')).me.backupAgents.map((a: any) => a.id)).toContain(mine.id);
  });

  it('answers a page of agents with their owners, policies and jobs in one statement per kind', async () => {
    const operator = await login(sg.url, 'operator@example.com');
    const page = () => operator.data('{ backupAgents(first: 50) { edges { node { hostname owner { email } policy { name } jobs(first: 3) { edges { node { status } } } } } } }');
    expect((await page()).backupAgents.edges.length).toBeGreaterThan(4);
    const statements = await statementsPerSubgraph(sg, page);
    // backups: the page, the policies, the jobs; users: the owners.
    expect(statements).toMatchObject({ backups: 3, users: 1 });
  });
});
