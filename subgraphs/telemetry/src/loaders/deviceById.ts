import DataLoader from 'dataloader';
import { byKeys, isUuid } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import { Device } from '../entities/Device';

/** Device rows by id, for `__resolveReference` and `device(id)`: N ids, one query. */
export const deviceById = (dataSource: DataSource) =>
  new DataLoader<string, Device | null>(async (ids) => {
    // A malformed id cannot exist; leaving it out keeps it from reaching SQL as a cast error.
    const valid = ids.filter(isUuid);
    return byKeys(ids, valid.length ? await dataSource.getRepository(Device).findBy({ id: In(valid) }) : [], (row) => row.id);
  });
