import { badUserInput } from '@supergraph/errors';
import { isUuid, pageSize } from '@supergraph/service-kit';
import type { DataSource } from 'typeorm';
import { Device } from '../entities/Device';
import type { Loaders } from '../loaders';

/**
 * Reading devices: anyone may, signed in or not. Put who-may-do-what in services/access.ts
 * (as orders and products do) when the domain gets private data or writes.
 */
export class DeviceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
  ) {}

  byId(id: string): Promise<Device | null> {
    if (!isUuid(id)) throw badUserInput('id is not a device id', 'id');
    return this.loaders.deviceById.load(id);
  }

  newest(first: number | null | undefined): Promise<Device[]> {
    return this.dataSource.getRepository(Device).find({ order: { createdAt: 'DESC', id: 'DESC' }, take: pageSize(first) });
  }
}
