import DataLoader from 'dataloader';
import { byKeys } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import { Category } from '../entities/Category';
import { isUuid } from '../services/validation';

/** Categories by id (`Product.category`, `Category` references). */
export const categoryById = (dataSource: DataSource) =>
  new DataLoader<string, Category | null>(async (ids) => {
    const valid = ids.filter(isUuid);
    return byKeys(ids, valid.length ? await dataSource.getRepository(Category).findBy({ id: In(valid) }) : [], (c) => c.id);
  });
