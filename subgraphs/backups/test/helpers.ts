import { randomUUID } from 'node:crypto';
import type { Role } from '@supergraph/auth';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { graphql, runTestSubgraph, viewerHeaders } from '@supergraph/testkit';
import { subgraph } from '../src/server';

/** The backups subgraph on port 0; its own checker timer off (tests run passes with a chosen clock). */
export async function startBackups(options: { messaging: Messaging; databaseUrl?: string; seed?: boolean }): Promise<RunningSubgraph> {
  return runTestSubgraph(subgraph, { databaseUrl: options.databaseUrl, messaging: options.messaging, seed: options.seed, env: { BACKUPS_CHECK_INTERVAL_MS: '0' } });
}

/** Someone calling the subgraph with the identity the router would sign. */
export class Caller {
  constructor(
    readonly url: string,
    readonly headers: Record<string, string>,
    readonly userId: string,
  ) {}

  request<T = any>(query: string, variables: Record<string, unknown> = {}) {
    return graphql<T>(this.url, query, variables, this.headers);
  }

  /** Like `request`, but fails the test on any error. */
  async data<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.request<T>(query, variables);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }
}

export const person = (running: RunningSubgraph, roles: Role[] = ['CUSTOMER'], userId: string = randomUUID()) => new Caller(`${running.url}/graphql`, viewerHeaders(userId, roles), userId);

/** An agent's key, as the router forwards it once backups has verified it. */
export const agentKey = (running: RunningSubgraph, agentId: string, ownerId: string) =>
  new Caller(`${running.url}/graphql`, viewerHeaders(ownerId, [], { kind: 'apiKey', apiKeyId: agentId, issuer: 'backups' }), ownerId);

export const CREATE_POLICY = 'mutation($i: CreateBackupPolicyInput!) { createBackupPolicy(input: $i) { id name expectedIntervalMinutes retentionDays } }';
export const REGISTER = 'mutation($i: RegisterBackupAgentInput!) { registerBackupAgent(input: $i) { apiKey agent { id hostname os health lastSuccessAt apiKeyPrefix policy { id } owner { id } } } }';
export const REPORT = 'mutation($i: ReportBackupJobInput!) { reportBackupJob(input: $i) { id status startedAt finishedAt sizeBytes fileCount error agent { id health lastSuccessAt lastSeenAt } } }';
export const ALERTS = 'query($s: BackupAlertStatus) { backupAlerts(status: $s, first: 100) { edges { node { id cause severity status raisedAt resolvedAt agent { id } } } } }';

/** An owner with a policy (`intervalMinutes`) and one agent under it. */
export async function ownerWithAgent(running: RunningSubgraph, { intervalMinutes = 60, retentionDays = 30, hostname = 'host-1' } = {}) {
  const owner = person(running);
  const { createBackupPolicy: policy } = await owner.data(CREATE_POLICY, { i: { name: 'Hourly', expectedIntervalMinutes: intervalMinutes, retentionDays } });
  const { registerBackupAgent } = await owner.data(REGISTER, { i: { hostname, os: 'Linux', policyId: policy.id } });
  const agentId: string = registerBackupAgent.agent.id;
  return { owner, policyId: policy.id as string, agentId, apiKey: registerBackupAgent.apiKey as string, agent: agentKey(running, agentId, owner.userId) };
}

const MINUTE = 60_000;
export const minutesFrom = (at: Date | number, minutes: number) => new Date(new Date(at).getTime() + minutes * MINUTE);

/** A finished job's report, `minutesAgo` finished. */
export const succeeded = (minutesAgo = 1, sizeBytes = '1000') => {
  const finishedAt = minutesFrom(Date.now(), -minutesAgo);
  return { status: 'SUCCEEDED', startedAt: minutesFrom(finishedAt, -10).toISOString(), finishedAt: finishedAt.toISOString(), sizeBytes, fileCount: 3 };
};
