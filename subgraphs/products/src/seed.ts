import type { SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { Category } from './entities/Category';
import { Product } from './entities/Product';
import { Review } from './entities/Review';
import { announceProduct } from './services/AdminService';

/*
 * Demo users, owned by the users subgraph, which seeds them with these fixed ids
 * (password Demo-Password-1). Products only keeps their ids, as review authors.
 */
/** customer@example.com */
export const DEMO_CUSTOMER_ID = '00000000-0000-4000-8000-000000000002';
/** alice, a demo customer */
export const DEMO_ALICE_ID = '00000000-0000-4000-8000-000000000008';
/** bob, a demo customer */
export const DEMO_BOB_ID = '00000000-0000-4000-8000-000000000009';
const REVIEWERS = [DEMO_CUSTOMER_ID, DEMO_ALICE_ID, DEMO_BOB_ID];

/** Category → [name, description]: ten products each. */
const CATALOGUE: Record<string, [string, string][]> = {
  Coffee: [
    ['Ethiopian Yirgacheffe beans', 'Floral, citrus, light roast coffee beans, 250 g'],
    ['Colombian Supremo beans', 'Chocolate and caramel medium roast coffee, 500 g'],
    ['Espresso blend', 'Dark roast coffee for espresso, 1 kg'],
    ['Decaf Swiss Water', 'Decaffeinated coffee beans without solvents, 250 g'],
    ['Cold brew coarse grind', 'Coffee ground for cold brew, 500 g'],
    ['Single-origin Kenya AA', 'Bright blackcurrant notes, coffee beans, 250 g'],
    ['Guatemala Antigua', 'Spicy, smoky coffee beans, 250 g'],
    ['Sumatra Mandheling', 'Earthy full-bodied coffee, 500 g'],
    ['Instant coffee sticks', 'Twenty single servings'],
    ['Coffee sampler box', 'Six 100 g bags of our best coffee'],
  ],
  Brewing: [
    ['Pour-over dripper', 'Ceramic dripper for one to two cups'],
    ['Gooseneck kettle', 'Temperature-controlled electric kettle, 1 l'],
    ['French press', 'Borosilicate glass press, 8 cups'],
    ['Burr grinder', 'Conical burr grinder with 40 settings'],
    ['Paper filters', '100 unbleached filters for the pour-over dripper'],
    ['Moka pot', 'Stovetop espresso maker, 6 cups'],
    ['AeroPress', 'Portable press for coffee and espresso-style shots'],
    ['Digital scale', 'Scale with timer, 0.1 g resolution'],
    ['Milk frother', 'Handheld frother for lattes'],
    ['Cold brew jar', 'Two-litre jar with a mesh filter'],
  ],
  Tea: [
    ['Sencha green tea', 'Grassy Japanese green tea, 100 g'],
    ['Earl Grey', 'Black tea with bergamot, 100 g'],
    ['Chamomile', 'Whole chamomile flowers, 50 g'],
    ['Masala chai', 'Spiced black tea blend, 200 g'],
    ['Jasmine pearls', 'Hand-rolled green tea with jasmine, 50 g'],
    ['Rooibos', 'Caffeine-free red bush tea, 100 g'],
    ['Matcha', 'Ceremonial-grade matcha powder, 30 g'],
    ['Oolong', 'Roasted Taiwanese oolong, 100 g'],
    ['Peppermint', 'Pure peppermint leaves, 50 g'],
    ['Tea sampler', 'Eight teas to try'],
  ],
  Mugs: [
    ['Stoneware mug', 'Hand-glazed stoneware mug, 350 ml'],
    ['Double-wall glass', 'Insulated glass cup, 250 ml'],
    ['Travel tumbler', 'Vacuum-insulated steel tumbler with a lid, 470 ml'],
    ['Espresso cups (set of 4)', 'Porcelain cups with saucers'],
    ['Enamel camp mug', 'Lightweight enamel mug for the outdoors'],
    ['Latte bowl', 'Wide porcelain bowl, 400 ml'],
    ['Teapot', 'Cast-iron teapot with an infuser, 800 ml'],
    ['Mug warmer', 'Keeps a drink warm on your desk'],
    ['Reusable cup', 'Bamboo-fibre cup for coffee to go'],
    ['Gift mug', 'A mug with a secret message at the bottom'],
  ],
  Snacks: [
    ['Almond biscotti', 'Twice-baked Italian biscuits, 200 g'],
    ['Dark chocolate 70%', 'Single-origin bar, 100 g'],
    ['Stroopwafels', 'Caramel waffles to rest on a mug, 8 pieces'],
    ['Shortbread', 'Butter shortbread fingers, 150 g'],
    ['Salted caramels', 'Soft caramels, 120 g'],
    ['Granola', 'Oat and honey granola, 400 g'],
    ['Madeleines', 'French sponge cakes, 12 pieces'],
    ['Candied ginger', 'Crystallised ginger pieces, 100 g'],
    ['Cocoa nibs', 'Roasted cocoa nibs, 150 g'],
    ['Snack box', 'A little of every snack'],
  ],
  Gifts: [
    ['Barista starter kit', 'Dripper, filters, grinder and a bag of coffee'],
    ['Tea lover gift set', 'Teapot, two cups and three teas'],
    ['Gift card 25', 'A gift card worth 25 dollars'],
    ['Gift card 50', 'A gift card worth 50 dollars'],
    ['Coffee subscription (3 months)', 'A new coffee every month'],
    ['Latte art pitcher', 'Steel pitcher for latte art, 600 ml'],
    ['Coffee table book', 'The atlas of coffee'],
    ['Brew journal', 'A notebook for tasting notes'],
    ['Scented candle', 'Smells like a fresh espresso'],
    ['Holiday hamper', 'Coffee, tea and snacks in a basket'],
  ],
};

/** A comment that fits the rating, so that the demo reads like real reviews. */
const COMMENTS: Record<number, string[]> = {
  1: ['Not for me, sadly.', 'Arrived damaged and support was slow.'],
  2: ['Below what I expected for the price.', 'Does the job, barely.'],
  3: ['Fine, nothing special.', 'Decent, but I have had better.'],
  4: ['Good value, would buy again.', 'Very nice; delivery was quick.'],
  5: ['Excellent, exactly as described.', 'Perfect. A gift that was a hit.'],
};

/** Seeded products appear one every six hours from here, so "newest" and "oldest" mean something. */
const FIRST_PRODUCT_AT = Date.UTC(2025, 0, 6, 9, 0, 0);
const HOUR = 3_600_000;

/**
 * The embedded default's catalogue: 6 categories, 60 products with varied prices (USD, minor
 * units) and stock (every ninth product sold out), and reviews by the demo customers with
 * rating aggregates that match them. Runs once: an existing category means it has run.
 */
export async function seedCatalogue(runtime: SubgraphRuntime) {
  if (await runtime.dataSource.getRepository(Category).exists()) return;
  await runtime.dataSource.transaction(async (manager) => {
    let n = 0;
    for (const [categoryName, products] of Object.entries(CATALOGUE)) {
      const category = await manager.save(manager.create(Category, { name: categoryName, slug: categoryName.toLowerCase() }));
      for (const [name, description] of products) {
        n++;
        await seedProduct(runtime, manager, n, { name, description, categoryId: category.id });
      }
    }
  });
  runtime.eventsCommitted();
  runtime.logger.info('seeded the demo catalogue');
}

async function seedProduct(runtime: SubgraphRuntime, manager: EntityManager, n: number, values: { name: string; description: string; categoryId: string }) {
  const createdAt = new Date(FIRST_PRODUCT_AT + n * 6 * HOUR);
  // Deterministic variety: prices from 3.50 to about 120.00 (whole or .99), every ninth product sold out.
  const priceAmount = n % 3 === 0 ? 399 + ((n * 7919) % 110) * 100 : 350 + ((n * 7919) % 11_700);
  const stock = n % 9 === 0 ? 0 : 3 + ((n * 31) % 97);
  const product = await manager.save(manager.create(Product, { ...values, priceAmount, priceCurrency: 'USD', stock, createdAt }));
  // 0 to 3 reviews per product, by a different demo customer each.
  const reviews = REVIEWERS.slice(0, n % 4).map((authorId, i) => {
    const rating = 1 + ((n * 3 + i * 2) % 5);
    return { productId: product.id, authorId, rating, comment: COMMENTS[rating][(n + i) % 2], createdAt: new Date(createdAt.getTime() + (i + 1) * 24 * HOUR) };
  });
  if (reviews.length) {
    await manager.insert(Review, reviews);
    const sum = reviews.reduce((total, review) => total + review.rating, 0);
    await manager.update(Product, product.id, { reviewCount: reviews.length, ratingSum: sum, ratingAvg: sum / reviews.length });
  }
  await announceProduct(runtime, manager, product);
}
