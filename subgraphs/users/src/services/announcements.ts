import type { SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import type { Address } from '../entities/Address';
import type { User } from '../entities/User';

/*
 * What users tells other subgraphs, through the outbox in the transaction of the change, so that a
 * read model never sees a change that was rolled back nor misses one that committed.
 */

/** A user's name and roles (delivery keeps its roster of couriers from it). Never the email. */
export function announceUser(runtime: SubgraphRuntime, manager: EntityManager, user: Pick<User, 'id' | 'name' | 'roles'>) {
  return runtime.emit(manager, 'users.user.upserted', { userId: user.id, name: user.name, roles: [...user.roles] });
}

/** An address as orders snapshots it at checkout and delivery quotes it (line2 and label stay in users). */
export function announceAddress(runtime: SubgraphRuntime, manager: EntityManager, address: Pick<Address, 'id' | 'userId' | 'line1' | 'city' | 'postalCode' | 'country' | 'isDefault'>) {
  return runtime.emit(manager, 'users.address.upserted', {
    addressId: address.id,
    userId: address.userId,
    line1: address.line1,
    city: address.city,
    postalCode: address.postalCode,
    country: address.country,
    isDefault: address.isDefault,
  });
}
