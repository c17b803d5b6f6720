import type { Viewer } from '@supergraph/auth';
import { badUserInput, conflict, notFound } from '@supergraph/errors';
import { inTransaction, isUniqueViolation, type SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { Category } from '../entities/Category';
import { Product } from '../entities/Product';
import { StockAdjustment } from '../entities/StockAdjustment';
import { requireAdmin } from './access';
import { isUuid, optionalText, requireInteger, requireText } from './validation';

/** Prices above this are a typo, not a product (minor units: one million in major units). */
const MAX_PRICE = 100_000_000;
/** Keeps stock + any delta inside a 32-bit column. */
export const MAX_STOCK = 1_000_000_000;

export interface CreateProductInput {
  name: string;
  description: string;
  price: number;
  currency?: string | null;
  categoryId: string;
  stock?: number | null;
  weightGrams?: number | null;
}

export interface UpdateProductInput {
  name?: string | null;
  description?: string | null;
  price?: number | null;
  currency?: string | null;
  categoryId?: string | null;
  weightGrams?: number | null;
}

function slugify(name: string) {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'category'
  );
}

/** What a product weighs when the admin does not say (the column's default too). */
export const DEFAULT_WEIGHT_GRAMS = 500;
/** Heavier than this is freight, not a parcel any courier carries. */
export const MAX_WEIGHT_GRAMS = 30_000;

const weight = (grams: number | null | undefined) => requireInteger(grams, 'input.weightGrams', 1, MAX_WEIGHT_GRAMS, `weightGrams must be a positive number of grams, at most ${MAX_WEIGHT_GRAMS}`);

const price = (amount: number | null | undefined) => requireInteger(amount, 'input.price', 1, MAX_PRICE, `price must be a positive amount in minor units, at most ${MAX_PRICE}`);

function currency(code: string | null | undefined) {
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) throw badUserInput('currency must be an ISO 4217 code of three capital letters', 'input.currency');
  return code;
}

/** Announces a product's sellable facts, so that other subgraphs can keep a read model of the catalogue. */
export function announceProduct(runtime: SubgraphRuntime, manager: EntityManager, product: Product) {
  return runtime.emit(manager, 'products.product.upserted', {
    productId: product.id,
    name: product.name,
    price: { amount: product.priceAmount, currency: product.priceCurrency },
    weightGrams: product.weightGrams,
  });
}

/** Admin changes to the catalogue and its stock. Every input is checked before anything is written. */
export class AdminService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly viewer: Viewer | null,
  ) {}

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

  async createProduct(input: CreateProductInput): Promise<Product> {
    requireAdmin(this.viewer);
    const values = {
      name: requireText(input.name, 'input.name', { max: 200 }),
      description: requireText(input.description, 'input.description', { min: 0, max: 5000 }),
      priceAmount: price(input.price),
      priceCurrency: currency(input.currency ?? 'USD'),
      categoryId: input.categoryId,
      stock: requireInteger(input.stock ?? 0, 'input.stock', 0, MAX_STOCK, `stock must be from 0 to ${MAX_STOCK}`),
      weightGrams: weight(input.weightGrams ?? DEFAULT_WEIGHT_GRAMS),
    };
    const product = await inTransaction(this.runtime.dataSource, async (manager) => {
      await this.requireCategory(manager, input.categoryId);
      const saved = await manager.save(manager.create(Product, values));
      await announceProduct(this.runtime, manager, saved);
      return saved;
    });
    this.runtime.eventsCommitted();
    return product;
  }

  /** Changes the fields given; omitted fields stay as they are. */
  async updateProduct(id: string, input: UpdateProductInput): Promise<Product> {
    requireAdmin(this.viewer);
    const changes: Partial<Product> = {};
    if (input.name !== undefined) changes.name = requireText(input.name, 'input.name', { max: 200 });
    if (input.description !== undefined) changes.description = requireText(input.description, 'input.description', { min: 0, max: 5000 });
    if (input.price !== undefined) changes.priceAmount = price(input.price);
    if (input.currency !== undefined) changes.priceCurrency = currency(input.currency);
    if (input.weightGrams !== undefined) changes.weightGrams = weight(input.weightGrams);
    if (input.categoryId !== undefined && (input.categoryId === null || !isUuid(input.categoryId))) throw badUserInput('Category does not exist', 'input.categoryId');
    const product = await inTransaction(this.runtime.dataSource, async (manager) => {
      const existing = await this.lockProduct(manager, id, 'id');
      if (input.categoryId != null) {
        await this.requireCategory(manager, input.categoryId);
        changes.categoryId = input.categoryId;
      }
      if (!Object.keys(changes).length) return existing;
      const saved = await manager.save(Object.assign(existing, changes));
      await announceProduct(this.runtime, manager, saved);
      return saved;
    });
    this.runtime.eventsCommitted();
    return product;
  }

  /**
   * Adds (or, negative, removes) units under the same row lock that reservations take, so an
   * adjustment and an order never both count the same unit. Going below zero is a CONFLICT.
   */
  async adjustStock(productId: string, delta: number, reason?: string | null): Promise<Product> {
    const admin = requireAdmin(this.viewer);
    if (delta === 0) throw badUserInput('delta must not be zero', 'delta');
    requireInteger(delta, 'delta', -MAX_STOCK, MAX_STOCK);
    const why = optionalText(reason, 'reason', 500);
    return inTransaction(this.runtime.dataSource, async (manager) => {
      const product = await this.lockProduct(manager, productId, 'productId');
      const stock = product.stock + delta;
      if (stock < 0) throw conflict(`Only ${product.stock} in stock`, { field: 'delta', stock: product.stock });
      if (stock > MAX_STOCK) throw badUserInput(`stock cannot exceed ${MAX_STOCK}`, 'delta');
      await manager.update(Product, product.id, { stock });
      await manager.insert(StockAdjustment, { productId: product.id, delta, stockAfter: stock, reason: why, actorId: admin.userId });
      product.stock = stock;
      return product;
    });
  }

  private async requireCategory(manager: EntityManager, id: string) {
    if (!isUuid(id) || !(await manager.existsBy(Category, { id }))) throw badUserInput('Category does not exist', 'input.categoryId');
  }

  private async lockProduct(manager: EntityManager, id: string, field: string): Promise<Product> {
    const product = isUuid(id) ? await manager.getRepository(Product).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne() : null;
    if (!product) throw notFound('Product not found', { field, id });
    return product;
  }
}
