import type { Viewer } from '@supergraph/auth';
import { badUserInput, notFound } from '@supergraph/errors';
import { inTransaction } from '@supergraph/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { CartItem, type CartView } from '../entities/CartItem';
import { CatalogProduct } from '../entities/CatalogProduct';
import { requireViewer } from './access';
import { CART_LIMITS, requireProductId, requireQuantity } from './validation';

/**
 * Serializes every change to one customer's cart (and checkout, which empties it) for the rest of
 * the transaction. A row lock would not do: an empty cart has no row to lock, and two first adds
 * would both pass the line limit.
 */
export async function lockCart(manager: EntityManager, customerId: string) {
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`cart:${customerId}`]);
}

/** The caller's cart. Every change is validated first, so bad input changes nothing. */
export class CartService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer | null,
  ) {}

  async cart(): Promise<CartView> {
    const { userId } = requireViewer(this.viewer);
    return this.read(this.dataSource.manager, userId);
  }

  /** Adds to the line of that product if there is one. */
  async add(productId: string, quantity: number): Promise<CartView> {
    const { userId } = requireViewer(this.viewer);
    requireProductId(productId);
    requireQuantity(quantity, 1);
    // The read model of the catalogue (fed by products' events) refuses unknown products at once.
    if (!(await this.dataSource.getRepository(CatalogProduct).existsBy({ productId }))) {
      throw notFound('Product not found', { field: 'productId', productId });
    }
    return inTransaction(this.dataSource, async (manager) => {
      await lockCart(manager, userId);
      const lines = await manager.find(CartItem, { where: { customerId: userId } });
      const line = lines.find((l) => l.productId === productId);
      if (line) {
        if (line.quantity + quantity > CART_LIMITS.maxQuantityPerLine) {
          throw badUserInput(`At most ${CART_LIMITS.maxQuantityPerLine} of one product (${line.quantity} already in the cart)`, 'quantity');
        }
        await manager.update(CartItem, { customerId: userId, productId }, { quantity: line.quantity + quantity });
      } else {
        if (lines.length >= CART_LIMITS.maxLines) throw badUserInput(`A cart holds at most ${CART_LIMITS.maxLines} products`, 'productId');
        await manager.insert(CartItem, { customerId: userId, productId, quantity });
      }
      return this.read(manager, userId);
    });
  }

  /** Sets a line's quantity; 0 removes the line. */
  async update(productId: string, quantity: number): Promise<CartView> {
    const { userId } = requireViewer(this.viewer);
    requireProductId(productId);
    requireQuantity(quantity, 0);
    return inTransaction(this.dataSource, async (manager) => {
      await lockCart(manager, userId);
      if (quantity === 0) await manager.delete(CartItem, { customerId: userId, productId });
      else {
        const { affected } = await manager.update(CartItem, { customerId: userId, productId }, { quantity });
        if (!affected) throw notFound('That product is not in the cart', { field: 'productId', productId });
      }
      return this.read(manager, userId);
    });
  }

  /** Removing a product that is not in the cart is not an error: the cart is as asked. */
  async remove(productId: string): Promise<CartView> {
    const { userId } = requireViewer(this.viewer);
    requireProductId(productId);
    return inTransaction(this.dataSource, async (manager) => {
      await lockCart(manager, userId);
      await manager.delete(CartItem, { customerId: userId, productId });
      return this.read(manager, userId);
    });
  }

  private async read(manager: EntityManager, customerId: string): Promise<CartView> {
    return { items: await manager.find(CartItem, { where: { customerId }, order: { productId: 'ASC' } }) };
  }
}
