import type { Viewer } from '@supergraph/auth';
import { badUserInput, notFound, unauthenticated } from '@supergraph/errors';
import { inTransaction } from '@supergraph/service-kit';
import type { DataSource } from 'typeorm';
import { CartItem, type CartView } from '../entities/CartItem';
import { CatalogProduct } from '../entities/CatalogProduct';
import { isUuid } from './validation';

export const MAX_QUANTITY_PER_LINE = 100;
export const MAX_CART_LINES = 50;

export function requireCustomer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

export class CartService {
  constructor(private readonly dataSource: DataSource, private readonly viewer: Viewer | null) {}

  async cart(): Promise<CartView> {
    const viewer = requireCustomer(this.viewer);
    return { items: await this.dataSource.getRepository(CartItem).find({ where: { customerId: viewer.userId }, order: { productId: 'ASC' } }) };
  }

  async add(productId: string, quantity: number): Promise<CartView> {
    const viewer = requireCustomer(this.viewer);
    if (!Number.isInteger(quantity) || quantity <= 0 || quantity > MAX_QUANTITY_PER_LINE) {
      throw badUserInput(`quantity must be 1 to ${MAX_QUANTITY_PER_LINE}`, 'quantity');
    }
    await this.requireKnownProduct(productId);
    await inTransaction(this.dataSource, async (manager) => {
      const lines = await manager.find(CartItem, { where: { customerId: viewer.userId }, lock: { mode: 'pessimistic_write' } });
      const existing = lines.find((l) => l.productId === productId);
      if (existing) {
        if (existing.quantity + quantity > MAX_QUANTITY_PER_LINE) throw badUserInput(`At most ${MAX_QUANTITY_PER_LINE} of one product`, 'quantity');
        await manager.update(CartItem, { customerId: viewer.userId, productId }, { quantity: existing.quantity + quantity });
      } else {
        if (lines.length >= MAX_CART_LINES) throw badUserInput(`A cart holds at most ${MAX_CART_LINES} products`, 'productId');
        await manager.insert(CartItem, { customerId: viewer.userId, productId, quantity });
      }
    });
    return this.cart();
  }

  async update(productId: string, quantity: number): Promise<CartView> {
    const viewer = requireCustomer(this.viewer);
    if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_QUANTITY_PER_LINE) {
      throw badUserInput(`quantity must be 0 to ${MAX_QUANTITY_PER_LINE}`, 'quantity');
    }
    if (!isUuid(productId)) throw badUserInput('productId is not a valid id', 'productId');
    const repository = this.dataSource.getRepository(CartItem);
    if (quantity === 0) await repository.delete({ customerId: viewer.userId, productId });
    else {
      const { affected } = await repository.update({ customerId: viewer.userId, productId }, { quantity });
      if (!affected) throw notFound('That product is not in the cart', { field: 'productId' });
    }
    return this.cart();
  }

  async remove(productId: string): Promise<CartView> {
    const viewer = requireCustomer(this.viewer);
    if (!isUuid(productId)) throw badUserInput('productId is not a valid id', 'productId');
    await this.dataSource.getRepository(CartItem).delete({ customerId: viewer.userId, productId });
    return this.cart();
  }

  private async requireKnownProduct(productId: string) {
    if (!isUuid(productId)) throw badUserInput('productId is not a valid id', 'productId');
    if (!(await this.dataSource.getRepository(CatalogProduct).existsBy({ productId }))) {
      throw notFound('Product not found', { field: 'productId', productId });
    }
  }
}
