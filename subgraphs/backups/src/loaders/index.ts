import DataLoader from 'dataloader';
import { byKeys, groupByKeys, isUuid } from '@supergraph/service-kit';
import { In, type DataSource, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { BackupAgent } from '../entities/BackupAgent';
import { BackupPolicy } from '../entities/BackupPolicy';
import { jobPages, type JobPageKey } from './jobPages';

/** Rows by id, N ids in one query; a malformed id never reaches SQL. */
function byId<T extends ObjectLiteral & { id: string }>(dataSource: DataSource, entity: EntityTarget<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const valid = ids.filter(isUuid);
    return byKeys(ids, valid.length ? await dataSource.getRepository(entity).findBy({ id: In(valid) } as FindOptionsWhere<T>) : [], (row) => row.id);
  });
}

/** Per-request loaders (created in `createContext`): what one operation asks for N times costs one query. */
export function createLoaders(dataSource: DataSource) {
  return {
    agentById: byId(dataSource, BackupAgent),
    policyById: byId(dataSource, BackupPolicy),
    /** `User.backupAgents` of many users: their first `size` agents each, oldest first, in one query. */
    agentsByOwner: new DataLoader<{ ownerId: string; size: number }, BackupAgent[], string>(
      async (keys) => {
        const owners = [...new Set(keys.map((k) => k.ownerId).filter(isUuid))];
        const size = Math.max(...keys.map((k) => k.size));
        const rows = owners.length
          ? await dataSource
              .getRepository(BackupAgent)
              .createQueryBuilder('a')
              .where(
                `a.id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY owner_id ORDER BY created_at, id) AS n FROM backup_agent WHERE owner_id = ANY(:owners)) ranked WHERE n <= :size)`,
                { owners, size },
              )
              .orderBy('a.created_at')
              .addOrderBy('a.id')
              .getMany()
          : [];
        return groupByKeys(
          keys.map((k) => k.ownerId),
          rows,
          (row) => row.ownerId,
        ).map((agents, i) => agents.slice(0, keys[i].size));
      },
      { cacheKeyFn: (key) => `${key.ownerId}|${key.size}` },
    ),
    /** `BackupAgent.jobs` of a page of agents: one query per distinct page size and cursor. */
    jobPages: new DataLoader((keys: readonly JobPageKey[]) => jobPages(dataSource, keys), { cacheKeyFn: (key) => `${key.agentId}|${key.size}|${key.position?.at}|${key.position?.id}` }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
