import type { DataSource } from 'typeorm';
import { deviceById } from './deviceById';

/** Per-request loaders (created in `createContext`): what one operation asks for N times costs one query. */
export function createLoaders(dataSource: DataSource) {
  return {
    deviceById: deviceById(dataSource),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
