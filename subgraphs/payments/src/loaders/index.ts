import DataLoader from 'dataloader';
import { byKeys, groupByKeys, isUuid } from '@supergraph/service-kit';
import { In, type DataSource, type EntityTarget, type FindOptionsOrder, type ObjectLiteral } from 'typeorm';
import { CreditLine } from '../entities/CreditLine';
import { Installment } from '../entities/Installment';
import { InstallmentPlan } from '../entities/InstallmentPlan';
import { Payment } from '../entities/Payment';
import { Refund } from '../entities/Refund';

/** One row per key (`column` unique), N keys in one query; a malformed uuid never reaches SQL. */
function oneBy<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, column: keyof T & string, uuidKeys = true) {
  return new DataLoader<string, T | null>(async (keys) => {
    const valid = uuidKeys ? keys.filter(isUuid) : [...keys];
    const rows = valid.length ? await dataSource.getRepository(entity).findBy({ [column]: In(valid) } as never) : [];
    return byKeys(keys, rows, (row) => row[column] as string);
  });
}

/** Every row of each key (one-to-many), N keys in one query. */
function manyBy<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, column: keyof T & string, order: FindOptionsOrder<T>) {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await dataSource.getRepository(entity).find({ where: { [column]: In([...keys]) } as never, order });
    return groupByKeys(keys, rows, (row) => row[column] as string);
  });
}

/** Per-request loaders (created in `createContext`): what one operation asks for N times costs one query. */
export function createLoaders(dataSource: DataSource) {
  return {
    paymentById: oneBy(dataSource, Payment, 'id'),
    paymentByOrder: oneBy(dataSource, Payment, 'orderId'),
    refundsByPayment: manyBy(dataSource, Refund, 'paymentId', { createdAt: 'ASC', id: 'ASC' }),
    planByPayment: oneBy(dataSource, InstallmentPlan, 'paymentId'),
    plansByCreditLine: manyBy(dataSource, InstallmentPlan, 'creditLineId', { createdAt: 'ASC', id: 'ASC' }),
    installmentsByPlan: manyBy(dataSource, Installment, 'planId', { number: 'ASC' }),
    creditLineById: oneBy(dataSource, CreditLine, 'id'),
    // User ids are the users subgraph's business: any string may be one.
    creditLineByCustomer: oneBy(dataSource, CreditLine, 'customerId', false),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
