import DataLoader from 'dataloader';
import { byKeys, groupByKeys } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import { Address } from '../entities/Address';
import { ApiKey } from '../entities/ApiKey';
import { User } from '../entities/User';
import { isUuid } from '../services/validation';

/** Per-request loaders: N lookups in one resolver pass cost one SQL query. */
export function createLoaders(dataSource: DataSource) {
  return {
    userById: new DataLoader<string, User | null>(async (ids) => {
      // A reference may carry any string; only well-formed ids can match (and reach SQL).
      const valid = ids.filter(isUuid);
      return byKeys(ids, valid.length ? await dataSource.getRepository(User).findBy({ id: In(valid) }) : [], (u) => u.id);
    }),
    addressesByUser: new DataLoader<string, Address[]>(async (userIds) =>
      groupByKeys(userIds, await dataSource.getRepository(Address).find({ where: { userId: In([...userIds]) }, order: { isDefault: 'DESC', createdAt: 'ASC' } }), (a) => a.userId),
    ),
    apiKeysByUser: new DataLoader<string, ApiKey[]>(async (userIds) =>
      groupByKeys(userIds, await dataSource.getRepository(ApiKey).find({ where: { userId: In([...userIds]) }, order: { createdAt: 'ASC' } }), (k) => k.userId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
