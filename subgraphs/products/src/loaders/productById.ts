import DataLoader from 'dataloader';
import { byKeys } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import { Product } from '../entities/Product';
import { isUuid } from '../services/validation';

/** Products by id, for `__resolveReference` and every field that points at a product: N ids, one query. */
export const productById = (dataSource: DataSource) =>
  new DataLoader<string, Product | null>(async (ids) => {
    // A malformed id cannot exist; leaving it out keeps it from reaching SQL as a cast error.
    const valid = ids.filter(isUuid);
    return byKeys(ids, valid.length ? await dataSource.getRepository(Product).findBy({ id: In(valid) }) : [], (p) => p.id);
  });
