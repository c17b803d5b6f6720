import type { Browser, Page } from 'playwright-core';
import { cleanupTestResources, eventually, graphql } from '@supergraph/testkit';
import { login, startTestSupergraph, type Client, type TestSupergraph } from '../../../test/helpers/supergraph';
import { describeInBrowser, launchChromium, screenshot, signIn } from './browser';
import { buildApp, previewApp } from './preview';

/**
 * The backups and telemetry dashboards in Chromium against the supergraph (seeded like the
 * embedded default), through the Vite preview server's proxy. The demo customer sees the late
 * agent CRITICAL with its alert and acknowledges it; an agent reporting a FAILED job with its own
 * key makes a new alert appear without a reload. The seeded device's page draws a day of readings;
 * a reading a fresh device sends with its key shows up live.
 */
// The embedded seeds' demo data (subgraphs/backups/src/seed.ts, subgraphs/telemetry/src/seed.ts; importing them would type-check the subgraphs under the web's tsconfig).
const DEMO_POLICY = { id: '00000000-0000-4000-8000-00000000b001', name: 'Hourly, kept 30 days' };
const DEMO_AGENTS = {
  healthy: { id: '00000000-0000-4000-8000-00000000b101', hostname: 'files.example.com' },
  late: { id: '00000000-0000-4000-8000-00000000b102', hostname: 'legacy-db.example.com' },
};
const DEMO_DEVICE = { name: 'Greenhouse sensor' };
const HOUR = 3_600_000;
const REGISTER_AGENT = 'mutation($i: RegisterBackupAgentInput!) { registerBackupAgent(input: $i) { apiKey agent { id } } }';
const REPORT = 'mutation($i: ReportBackupJobInput!) { reportBackupJob(input: $i) { id } }';
const REGISTER_DEVICE = 'mutation($i: RegisterDeviceInput!) { registerDevice(input: $i) { apiKey device { id } } }';
const INGEST = 'mutation($r: [ReadingInput!]!) { ingestTelemetry(readings: $r) { accepted rejected } }';

describeInBrowser('backups and telemetry dashboards in a browser', () => {
  let sg: TestSupergraph;
  let preview: Awaited<ReturnType<typeof previewApp>>;
  let browser: Browser;
  let page: Page;
  let customer: Client;

  /** A request with a machine key (an agent's or a device's) as x-api-key, failing the test on any error. */
  async function withKey(apiKey: string, query: string, variables: Record<string, unknown>) {
    const res = await graphql(sg.url, query, variables, { 'x-api-key': apiKey });
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data;
  }
  const markDocument = () => page.evaluate(() => Object.assign(window, { sameDocument: true }));
  const sameDocument = () => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument);

  beforeAll(async () => {
    [sg] = await Promise.all([startTestSupergraph(), buildApp('operations')]);
    preview = await previewApp('operations', sg.url);
    customer = await login(sg.url, 'customer@example.com');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.setDefaultTimeout(15_000);
  }, 180_000);
  afterAll(async () => {
    await page?.screenshot({ path: `${__dirname}/artifacts/operations-last.png`, fullPage: true });
    await browser?.close();
    await preview?.close();
    await sg?.close();
    await cleanupTestResources();
  });

  it('shows the late agent CRITICAL with its alert, acknowledges it, and a FAILED job raises a new alert live', async () => {
    // The checker's first pass at start flags the late agent.
    await eventually(async () => {
      const { backupAgents } = await customer.data('{ backupAgents { edges { node { id health } } } }');
      return backupAgents.edges.some((e: any) => e.node.id === DEMO_AGENTS.late.id && e.node.health === 'CRITICAL');
    });
    await signIn(page, `${preview.url}/backups`, 'customer@example.com');
    await page.waitForURL(`${preview.url}/backups`);
    const late = page.getByTestId('backup-agent').filter({ hasText: DEMO_AGENTS.late.hostname });
    await expect(late.getByTestId('agent-health').textContent()).resolves.toBe('CRITICAL');
    await expect(page.getByTestId('backup-agent').filter({ hasText: DEMO_AGENTS.healthy.hostname }).getByTestId('agent-health').textContent()).resolves.toBe('HEALTHY');
    await expect(late.textContent()).resolves.toContain(DEMO_POLICY.name);
    const lateAlert = page.getByTestId('backup-alert').filter({ hasText: DEMO_AGENTS.late.hostname });
    await expect(lateAlert.textContent()).resolves.toContain('Missed backup');

    await lateAlert.getByRole('button', { name: 'Acknowledge' }).click();
    await lateAlert.waitFor({ state: 'detached' });
    const { backupAlerts } = await customer.data('{ backupAlerts(status: ACKNOWLEDGED) { edges { node { agent { id } } } } }');
    expect(backupAlerts.edges.map((e: any) => e.node.agent.id)).toContain(DEMO_AGENTS.late.id);
    await page.getByText('No open alerts.').waitFor();

    // A fresh agent, registered through the API, reports a failure with its own key.
    const hostname = `nas-${Date.now()}.example.com`;
    const { registerBackupAgent } = await customer.data(REGISTER_AGENT, { i: { hostname, os: 'Debian 12', policyId: DEMO_POLICY.id } });
    await markDocument();
    const finishedAt = Date.now() - 60_000;
    await withKey(registerBackupAgent.apiKey, REPORT, {
      i: { status: 'FAILED', startedAt: new Date(finishedAt - 300_000).toISOString(), finishedAt: new Date(finishedAt).toISOString(), error: 'disk full' },
    });
    const failed = page.getByTestId('backup-alert').filter({ hasText: hostname });
    await failed.waitFor();
    await expect(failed.textContent()).resolves.toContain('Failed backup');
    // The new agent joined the list with the alert.
    await page.getByTestId('backup-agent').filter({ hasText: hostname }).waitFor();
    await expect(sameDocument()).resolves.toBe(true);
    await screenshot(page, 'backups');
  }, 60_000);

  it("shows an agent's recent jobs and its last 7 days", async () => {
    await page.getByRole('link', { name: DEMO_AGENTS.healthy.hostname }).click();
    await page.getByRole('heading', { name: DEMO_AGENTS.healthy.hostname }).waitFor();
    const { backupReport } = await customer.data('query($id: ID!, $from: DateTime!, $to: DateTime!) { backupReport(agentId: $id, from: $from, to: $to) { failed successRate } }', {
      id: DEMO_AGENTS.healthy.id,
      from: new Date(Date.now() - 7 * 24 * HOUR).toISOString(),
      to: new Date().toISOString(),
    });
    await expect(page.getByTestId('success-rate').textContent()).resolves.toBe(`${(backupReport.successRate * 100).toFixed(1)} %`);
    await expect(page.getByTestId('failed').textContent()).resolves.toBe(String(backupReport.failed));
    await expect(page.getByTestId('total-bytes').textContent()).resolves.toMatch(/^\d+(\.\d)? (B|KB|MB|GB|TB|PB)$/);
    await expect(page.getByTestId('backup-job').count()).resolves.toBe(20);
    await screenshot(page, 'backup-agent');
  }, 30_000);

  it("draws the seeded device's day and shows a fresh device's reading live", async () => {
    await page.getByRole('link', { name: 'Devices', exact: true }).click();
    const greenhouse = page.getByTestId('device').filter({ hasText: DEMO_DEVICE.name });
    await greenhouse.getByTestId('latest-temperature').waitFor();
    await screenshot(page, 'devices');
    await greenhouse.getByRole('link', { name: DEMO_DEVICE.name }).click();
    await page.getByLabel('Metric').selectOption('temperature');
    await page.getByTestId('chart').waitFor();
    // A reading a minute over the day before start: about 24 hourly points.
    await expect(page.locator('[data-testid=chart] circle').count()).resolves.toBeGreaterThanOrEqual(20);
    const min = Number(await page.getByTestId('min').textContent());
    const max = Number(await page.getByTestId('max').textContent());
    const avg = Number(await page.getByTestId('avg').textContent());
    expect(min).toBeLessThanOrEqual(avg);
    expect(avg).toBeLessThanOrEqual(max);
    await screenshot(page, 'device-seeded');

    // A fresh device, registered through the API, sends readings with its own key.
    const { registerDevice } = await customer.data(REGISTER_DEVICE, { i: { name: 'Test boiler', kind: 'boiler' } });
    const deviceId: string = registerDevice.device.id;
    const send = (value: number, agoMs: number) => withKey(registerDevice.apiKey, INGEST, { r: [{ deviceId, metric: 'temperature', value, at: new Date(Date.now() - agoMs).toISOString() }] });
    await send(61.5, 2 * HOUR);
    await page.goto(`${preview.url}/devices/${deviceId}`);
    await page.getByTestId('chart').waitFor();
    await expect(page.getByTestId('max').textContent()).resolves.toBe('61.5');
    await markDocument();
    // The subscription starts with the page; send until the first reading arrives, then once more with a known value.
    await eventually(
      async () => {
        await send(70.25, 0);
        return (await page.getByTestId('live-value').textContent()) === '70.25';
      },
      { timeoutMs: 15_000, intervalMs: 500, message: 'the live reading on the page' },
    );
    await send(72.5, -1000);
    await eventually(async () => (await page.getByTestId('live-value').textContent()) === '72.5', { message: 'the second live reading' });
    // The history is read again with it: the newest hour holds it.
    await eventually(async () => (await page.getByTestId('max').textContent()) === '72.5', { message: 'the new maximum' });
    await expect(sameDocument()).resolves.toBe(true);
    await screenshot(page, 'device');
  }, 60_000);
});
