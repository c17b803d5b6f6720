import { hasRole, type Viewer } from '@supergraph/auth';
import { badUserInput, conflict, forbidden, notFound, unauthenticated } from '@supergraph/errors';
import { inTransaction, isUniqueViolation, type SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { Category } from '../entities/Category';
import { Product } from '../entities/Product';
import { ProductTopics, type ProductUpserted } from '../events';
import { isUuid, requireText } from './validation';

function requireAdmin(viewer: Viewer | null) {
  if (!viewer) throw unauthenticated();
  if (!hasRole(viewer, 'ADMIN')) throw forbidden('Only admins may change the catalogue');
}

function slugify(name: string) {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'category';
}

/** Announces a product's sellable facts, so that other subgraphs can keep a read model of the catalogue. */
export function announceProduct(runtime: SubgraphRuntime, manager: EntityManager, product: Product) {
  return runtime.emit<ProductUpserted>(manager, ProductTopics.upserted, {
    productId: product.id,
    name: product.name,
    price: { amount: product.priceAmount, currency: product.priceCurrency },
  });
}

/** Admin changes to the catalogue and stock. */
export class AdminService {
  constructor(private readonly runtime: SubgraphRuntime, private readonly viewer: Viewer | null) {}

  async createCategory(input: { name: string }): Promise<Category> {
    requireAdmin(this.viewer);
    const name = requireText(input.name, 'input.name', { max: 100 });
    try {
      return await this.runtime.dataSource.getRepository(Category).save({ name, slug: slugify(name) });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('A category with this name exists', { field: 'input.name' });
      throw error;
    }
  }

  async createProduct(input: { name: string; description: string; price: number; currency?: string | null; categoryId: string; stock?: number | null }): Promise<Product> {
    requireAdmin(this.viewer);
    const values = {
      name: requireText(input.name, 'input.name'),
      description: requireText(input.description, 'input.description', { max: 5000 }),
      priceAmount: this.price(input.price),
      priceCurrency: this.currency(input.currency ?? 'USD'),
      categoryId: input.categoryId,
      stock: input.stock ?? 0,
    };
    if (!Number.isInteger(values.stock) || values.stock < 0) throw badUserInput('stock cannot be negative', 'input.stock');
    const product = await inTransaction(this.runtime.dataSource, async (manager) => {
      await this.requireCategory(manager, input.categoryId, 'input.categoryId');
      const saved = await manager.save(manager.create(Product, values));
      await announceProduct(this.runtime, manager, saved);
      return saved;
    });
    this.runtime.eventsCommitted();
    return product;
  }

  async updateProduct(id: string, input: { name?: string | null; description?: string | null; price?: number | null; categoryId?: string | null }): Promise<Product> {
    requireAdmin(this.viewer);
    const changes: Partial<Product> = {};
    if (input.name != null) changes.name = requireText(input.name, 'input.name');
    if (input.description != null) changes.description = requireText(input.description, 'input.description', { max: 5000 });
    if (input.price != null) changes.priceAmount = this.price(input.price);
    const product = await inTransaction(this.runtime.dataSource, async (manager) => {
      const existing = await this.lock(manager, id, 'id');
      if (input.categoryId != null) {
        await this.requireCategory(manager, input.categoryId, 'input.categoryId');
        changes.categoryId = input.categoryId;
      }
      Object.assign(existing, changes);
      const saved = await manager.save(existing);
      await announceProduct(this.runtime, manager, saved);
      return saved;
    });
    this.runtime.eventsCommitted();
    return product;
  }

  async adjustStock(productId: string, delta: number): Promise<Product> {
    requireAdmin(this.viewer);
    if (!Number.isInteger(delta) || delta === 0 || Math.abs(delta) > 1_000_000) throw badUserInput('delta must be a non-zero integer', 'delta');
    return inTransaction(this.runtime.dataSource, async (manager) => {
      const product = await this.lock(manager, productId, 'productId');
      if (product.stock + delta < 0) throw conflict(`Only ${product.stock} in stock`, { stock: product.stock, field: 'delta' });
      product.stock += delta;
      await manager.update(Product, product.id, { stock: product.stock });
      return product;
    });
  }

  private price(amount: number) {
    if (!Number.isInteger(amount) || amount <= 0 || amount > 100_000_000) throw badUserInput('price must be a positive amount in minor units', 'input.price');
    return amount;
  }

  private currency(code: string) {
    if (!/^[A-Z]{3}$/.test(code)) throw badUserInput('currency must be an ISO 4217 code', 'input.currency');
    return code;
  }

  private async requireCategory(manager: EntityManager, id: string, field: string) {
    if (!isUuid(id) || !(await manager.existsBy(Category, { id }))) throw badUserInput('Category does not exist', field);
  }

  private async lock(manager: EntityManager, id: string, field: string): Promise<Product> {
    const product = isUuid(id) ? await manager.getRepository(Product).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne() : null;
    if (!product) throw notFound('Product not found', { field, id });
    return product;
  }
}
