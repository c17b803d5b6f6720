import { randomUUID } from 'node:crypto';
import type { Viewer } from '@supergraph/auth';
import { conflict } from '@supergraph/errors';
import { inTransaction, pageSize, type SubgraphRuntime } from '@supergraph/service-kit';
import { parsePolicyInput } from '../domain/inputs';
import { BackupPolicy } from '../entities/BackupPolicy';
import type { Loaders } from '../loaders';
import { requirePerson, seesAll } from './access';

/** An owner keeps at most this many policies (`backupPolicies` lists them all in one page). */
const MAX_POLICIES_PER_OWNER = 100;

/** Backup policies: each owner's own. */
export class PolicyService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {}

  async create(input: { name: string; expectedIntervalMinutes: number; retentionDays: number }): Promise<BackupPolicy> {
    const viewer = requirePerson(this.viewer);
    const request = parsePolicyInput(input);
    return inTransaction(this.runtime.dataSource, async (manager) => {
      // Serializes one owner's creations, so that two at once cannot both pass the cap.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`backup_policy:${viewer.userId}`]);
      if ((await manager.countBy(BackupPolicy, { ownerId: viewer.userId })) >= MAX_POLICIES_PER_OWNER) {
        throw conflict(`An owner has at most ${MAX_POLICIES_PER_OWNER} policies`);
      }
      const policy = manager.create(BackupPolicy, { id: randomUUID(), ownerId: viewer.userId, ...request, createdAt: new Date() });
      await manager.insert(BackupPolicy, policy);
      return policy;
    });
  }

  /** The viewer's policies (admins and operators: everyone's), oldest first. */
  list(first: number | null | undefined): Promise<BackupPolicy[]> {
    const viewer = requirePerson(this.viewer);
    return this.runtime.dataSource.getRepository(BackupPolicy).find({
      where: seesAll(viewer) ? {} : { ownerId: viewer.userId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: pageSize(first, 'first', MAX_POLICIES_PER_OWNER),
    });
  }

  /** An agent's policy: readable by whoever may read the agent. */
  async ofAgent(policyId: string): Promise<BackupPolicy> {
    const policy = await this.loaders.policyById.load(policyId);
    if (!policy) throw new Error(`policy ${policyId} of an agent is missing`);
    return policy;
  }
}
