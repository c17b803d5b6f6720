import DataLoader from 'dataloader';
import { byKeys, isUuid } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import { Payment } from '../entities/Payment';

/** Payment rows by id, for `__resolveReference` and `payment(id)`: N ids, one query. */
export const paymentById = (dataSource: DataSource) =>
  new DataLoader<string, Payment | null>(async (ids) => {
    // A malformed id cannot exist; leaving it out keeps it from reaching SQL as a cast error.
    const valid = ids.filter(isUuid);
    return byKeys(ids, valid.length ? await dataSource.getRepository(Payment).findBy({ id: In(valid) }) : [], (row) => row.id);
  });
