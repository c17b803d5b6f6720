import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NETWORK_GUARD } from './network-guard-setup';

/**
 * The network guard (test/network-guard.cjs) that fails the suite when any of its processes
 * reaches beyond loopback. The forbidden attempts here run in child processes with a record file of
 * their own, so they do not fail the suite's own check; every one of them is refused before Node's
 * own function runs (192.0.2.1 is TEST-NET-1, reserved for documentation, in any case).
 */
const ROOT = join(__dirname, '..');

interface Record {
  pid: number;
  kind: string;
  target: string;
}

const readRecords = (file: string): Record[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

// Plain CommonJS run with `node -e`: a loopback server, then one attempt of each kind beyond it.
const ATTEMPTS = `
const net = require('node:net'), dns = require('node:dns'), dgram = require('node:dgram');
const settle = (p) => p.then((value) => ({ ok: true, value }), (e) => ({ ok: false, code: (e.cause && e.cause.code) || e.code }));
(async () => {
  const out = {};
  const server = net.createServer((c) => { c.on('error', () => {}); c.end('hello'); }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  out.loopback = await settle(new Promise((resolve, reject) => {
    const s = net.connect(server.address().port, '127.0.0.1'); let data = '';
    s.on('data', (c) => (data += c)); s.on('end', () => resolve(data)); s.on('error', reject);
  }));
  let tcp;
  out.tcp = await settle(new Promise((resolve, reject) => { tcp = net.connect(80, '192.0.2.1'); tcp.on('connect', resolve); tcp.on('error', reject); }));
  out.tcpLocalPort = tcp.localPort ?? null; // a socket that had sent a SYN would have one
  out.dns = await settle(dns.promises.lookup('metadata.google.internal'));
  const udp = dgram.createSocket('udp4');
  out.udp = await settle(new Promise((resolve, reject) => udp.send('x', 53, '192.0.2.1', (e) => (e ? reject(e) : resolve()))));
  out.udpBound = (() => { try { udp.address(); return true; } catch { return false; } })(); // send binds first
  udp.close();
  out.fetchName = await settle(fetch('http://metadata.google.internal/computeMetadata/v1/').then((r) => r.status));
  out.fetchMetadataAddress = await settle(fetch('http://169.254.169.254/latest/meta-data/').then((r) => r.status));
  server.close();
  console.log(JSON.stringify(out));
})();
`;

describe('network guard', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'network-guard-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is on in this test process, and passed on to every process the suite starts', () => {
    expect((net.Socket.prototype.connect as unknown as { [key: symbol]: unknown })[Symbol.for('supergraph.network-guard')]).toBe(true);
    expect(process.env.NODE_OPTIONS).toContain(`--require ${NETWORK_GUARD}`);
    expect(process.env.NETWORK_GUARD_LOG).toBeTruthy();
  });

  it('refuses and records TCP, DNS, UDP and fetch beyond loopback before they happen, and lets loopback through', () => {
    const log = join(dir, 'attempts.jsonl');
    writeFileSync(log, '');
    const child = spawnSync(process.execPath, ['-e', ATTEMPTS], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_OPTIONS: `--require ${NETWORK_GUARD}`, NETWORK_GUARD_LOG: log },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect({ status: child.status, stderr: child.status === 0 ? '' : child.stderr }).toEqual({ status: 0, stderr: '' });
    const out = JSON.parse(child.stdout);
    expect(out).toEqual({
      loopback: { ok: true, value: 'hello' },
      tcp: { ok: false, code: 'ENETWORKGUARD' },
      tcpLocalPort: null,
      dns: { ok: false, code: 'ENETWORKGUARD' },
      udp: { ok: false, code: 'ENETWORKGUARD' },
      udpBound: false,
      fetchName: { ok: false, code: 'ENETWORKGUARD' },
      fetchMetadataAddress: { ok: false, code: 'ENETWORKGUARD' },
    });
    expect(readRecords(log).map(({ pid, kind, target }) => ({ child: pid === child.pid, kind, target }))).toEqual([
      { child: true, kind: 'tcp connect', target: '192.0.2.1:80' },
      { child: true, kind: 'dns lookup', target: 'metadata.google.internal' },
      { child: true, kind: 'udp send', target: '192.0.2.1:53' },
      { child: true, kind: 'tcp connect', target: 'metadata.google.internal:80' },
      { child: true, kind: 'tcp connect', target: '169.254.169.254:80' },
    ]);
    expect(child.stderr).toContain('network guard: tcp connect to 192.0.2.1:80 refused');
  });

  it('fails a jest run whose tests all pass when one of them reached beyond loopback', () => {
    // A run of its own (own root, own record file) with the same global setup and teardown as ours.
    const root = join(dir, 'run');
    mkdirSync(join(root, 'test'), { recursive: true });
    writeFileSync(join(root, 'test/phones-home.test.js'), "it('passes', async () => { await fetch('http://192.0.2.1/').catch(() => {}); });\n");
    const config = {
      rootDir: root,
      testMatch: ['**/test/**/*.test.js'],
      transform: { '^.+\\.ts$': [require.resolve('@swc/jest'), {}] },
      globalSetup: join(__dirname, 'network-guard-setup.ts'),
      globalTeardown: join(__dirname, 'network-guard-teardown.ts'),
    };
    const log = join(dir, 'run.jsonl');
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/jest/bin/jest.js'), '--config', JSON.stringify(config), '--ci'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NETWORK_GUARD_LOG: log },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(run.stderr).toContain('1 attempt(s) to reach beyond loopback');
    expect(run.stderr).toContain('- tcp connect to 192.0.2.1:80');
    expect(run.status).toBe(1);
  });
});
