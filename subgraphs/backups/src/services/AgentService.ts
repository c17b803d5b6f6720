import { randomUUID } from 'node:crypto';
import { apiKeyMatches, parseApiKey, type Viewer } from '@supergraph/auth';
import { badUserInput, notFound } from '@supergraph/errors';
import { inTransaction, pageSize, type SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { newAgentKey } from '../domain/agentKey';
import { hostnameSearch, parseAgentInput, uuid } from '../domain/inputs';
import { BackupAgent } from '../entities/BackupAgent';
import { BackupPolicy } from '../entities/BackupPolicy';
import { nextCheckAt, type BackupHealth } from '../domain/health';
import type { Loaders } from '../loaders';
import { canManage, canRead, requirePerson, seesAll } from './access';
import { decodePosition, newestFirst, type AgentPage } from './paging';

/** An agent with its key, shown this once. */
export interface Registration {
  agent: BackupAgent;
  apiKey: string;
}

export interface AgentFilter {
  health?: BackupHealth | null;
  policyId?: string | null;
  hostname?: string | null;
}

/** Registering agents, their keys, and reading them with authorization. */
export class AgentService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {}

  /** `registerBackupAgent`: under one of the viewer's own policies. */
  async register(input: { hostname: string; os: string; policyId: string }): Promise<Registration> {
    const viewer = requirePerson(this.viewer);
    const request = parseAgentInput(input);
    const policy = await this.runtime.dataSource.getRepository(BackupPolicy).findOneBy({ id: request.policyId });
    // Someone else's policy and an unknown one get the same answer.
    if (!policy || policy.ownerId !== viewer.userId) throw badUserInput('No such policy', 'input.policyId');
    const id = randomUUID();
    const key = newAgentKey(id);
    const createdAt = new Date();
    const agent = this.runtime.dataSource.getRepository(BackupAgent).create({
      id,
      ownerId: viewer.userId,
      policyId: policy.id,
      hostname: request.hostname,
      os: request.os,
      keyHash: key.hash,
      keyPrefix: key.prefix,
      keyRevokedAt: null,
      health: 'HEALTHY',
      lastSeenAt: null,
      lastSuccessAt: null,
      // Until a first success, the registration is what the deadlines count from.
      nextCheckAt: nextCheckAt('HEALTHY', createdAt, policy.expectedIntervalMinutes),
      createdAt,
    });
    await this.runtime.dataSource.getRepository(BackupAgent).insert(agent);
    return { agent, apiKey: key.secret };
  }

  /** `rotateBackupAgentKey`: a new key replaces the old (revoked or not), shown once. */
  async rotateKey(id: string): Promise<Registration> {
    return inTransaction(this.runtime.dataSource, async (manager) => {
      const agent = await this.managed(manager, id);
      const key = newAgentKey(agent.id);
      await manager.update(BackupAgent, { id: agent.id }, { keyHash: key.hash, keyPrefix: key.prefix, keyRevokedAt: null });
      return { agent: Object.assign(agent, { keyPrefix: key.prefix, keyRevokedAt: null }), apiKey: key.secret };
    });
  }

  /** `revokeBackupAgentKey`: the agent's key stops working; revoking twice changes nothing. */
  async revokeKey(id: string): Promise<BackupAgent> {
    return inTransaction(this.runtime.dataSource, async (manager) => {
      const agent = await this.managed(manager, id);
      if (!agent.keyRevokedAt) {
        agent.keyRevokedAt = new Date();
        await manager.update(BackupAgent, { id: agent.id }, { keyRevokedAt: agent.keyRevokedAt });
      }
      return agent;
    });
  }

  /** The agent, locked until commit, if the viewer may change it; NOT_FOUND otherwise. */
  private async managed(manager: EntityManager, id: string): Promise<BackupAgent> {
    const viewer = requirePerson(this.viewer);
    uuid(id, 'id');
    const agent = await manager.findOne(BackupAgent, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!agent || !canManage(viewer, agent.ownerId)) throw notFound('Backup agent not found', { id });
    return agent;
  }

  /** `backupAgents`: the viewer's (admins and operators: everyone's), newest first. */
  async list(filter: AgentFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<AgentPage> {
    const viewer = requirePerson(this.viewer);
    const size = pageSize(first);
    const position = decodePosition('agents', after);
    const query = this.runtime.dataSource.getRepository(BackupAgent).createQueryBuilder('a');
    if (!seesAll(viewer)) query.andWhere('a.owner_id = :ownerId', { ownerId: viewer.userId });
    if (filter?.health) query.andWhere('a.health = :health', { health: filter.health });
    if (filter?.policyId) query.andWhere('a.policy_id = :policyId', { policyId: uuid(filter.policyId, 'filter.policyId') });
    if (filter?.hostname != null) query.andWhere(`strpos(lower(a.hostname), lower(:hostname)) > 0`, { hostname: hostnameSearch(filter.hostname) });
    const count = query.clone();
    const page = await newestFirst('agents', query, 'a', 'created_at', size, position);
    for (const { node } of page.edges) this.loaders.agentById.prime(node.id, node);
    return { ...page, totalCount: () => count.getCount() };
  }

  /** An agent by reference: null for a viewer who may not read it, exactly as for an unknown one. */
  async readable(id: string): Promise<BackupAgent | null> {
    const agent = await this.loaders.agentById.load(id);
    return agent && canRead(this.viewer, agent.ownerId) ? agent : null;
  }

  /** `User.backupAgents`: the user's own, for them, admins and operators; empty for anyone else. */
  async ofUser(userId: string, first: number | null | undefined): Promise<BackupAgent[]> {
    const size = pageSize(first);
    if (!canRead(this.viewer, userId)) return [];
    return this.loaders.agentsByOwner.load({ ownerId: userId, size });
  }
}

/**
 * What the router asks on `/internal/api-keys/verify` for an `sgb_` key: the agent's owner as the
 * viewer, the agent as the key, or null for an unknown, revoked or wrong key.
 */
export async function verifyAgentKey(runtime: SubgraphRuntime, secret: string): Promise<Viewer | null> {
  const parsed = parseApiKey(secret);
  if (!parsed || parsed.prefix !== 'sgb') return null;
  const agent = await runtime.dataSource.getRepository(BackupAgent).createQueryBuilder('a').addSelect('a.keyHash').where('a.id = :id', { id: parsed.id }).getOne();
  if (!agent || agent.keyRevokedAt || !apiKeyMatches(secret, agent.keyHash)) return null;
  return { kind: 'apiKey', userId: agent.ownerId, roles: [], apiKeyId: agent.id, issuer: 'backups' };
}
