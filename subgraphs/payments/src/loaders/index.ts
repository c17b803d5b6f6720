import type { DataSource } from 'typeorm';
import { paymentById } from './paymentById';

/** Per-request loaders (created in `createContext`): what one operation asks for N times costs one query. */
export function createLoaders(dataSource: DataSource) {
  return {
    paymentById: paymentById(dataSource),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
