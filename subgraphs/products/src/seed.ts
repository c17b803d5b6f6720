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

/** Category → [name, description, shipping weight in grams]: ten products each. */
const CATALOGUE: Record<string, [string, string, number][]> = {
  Coffee: [
    ['Ethiopian Yirgacheffe beans', 'Floral, citrus, light roast coffee beans, 250 g', 280],
    ['Colombian Supremo beans', 'Chocolate and caramel medium roast coffee, 500 g', 540],
    ['Espresso blend', 'Dark roast coffee for espresso, 1 kg', 1050],
    ['Decaf Swiss Water', 'Decaffeinated coffee beans without solvents, 250 g', 280],
    ['Cold brew coarse grind', 'Coffee ground for cold brew, 500 g', 540],
    ['Single-origin Kenya AA', 'Bright blackcurrant notes, coffee beans, 250 g', 280],
    ['Guatemala Antigua', 'Spicy, smoky coffee beans, 250 g', 280],
    ['Sumatra Mandheling', 'Earthy full-bodied coffee, 500 g', 540],
    ['Instant coffee sticks', 'Twenty single servings', 150],
    ['Coffee sampler box', 'Six 100 g bags of our best coffee', 650],
  ],
  Brewing: [
    ['Pour-over dripper', 'Ceramic dripper for one to two cups', 450],
    ['Gooseneck kettle', 'Temperature-controlled electric kettle, 1 l', 1300],
    ['French press', 'Borosilicate glass press, 8 cups', 900],
    ['Burr grinder', 'Conical burr grinder with 40 settings', 1800],
    ['Paper filters', '100 unbleached filters for the pour-over dripper', 120],
    ['Moka pot', 'Stovetop espresso maker, 6 cups', 800],
    ['AeroPress', 'Portable press for coffee and espresso-style shots', 350],
    ['Digital scale', 'Scale with timer, 0.1 g resolution', 600],
    ['Milk frother', 'Handheld frother for lattes', 200],
    ['Cold brew jar', 'Two-litre jar with a mesh filter', 1100],
  ],
  Tea: [
    ['Sencha green tea', 'Grassy Japanese green tea, 100 g', 130],
    ['Earl Grey', 'Black tea with bergamot, 100 g', 130],
    ['Chamomile', 'Whole chamomile flowers, 50 g', 80],
    ['Masala chai', 'Spiced black tea blend, 200 g', 230],
    ['Jasmine pearls', 'Hand-rolled green tea with jasmine, 50 g', 80],
    ['Rooibos', 'Caffeine-free red bush tea, 100 g', 130],
    ['Matcha', 'Ceremonial-grade matcha powder, 30 g', 60],
    ['Oolong', 'Roasted Taiwanese oolong, 100 g', 130],
    ['Peppermint', 'Pure peppermint leaves, 50 g', 80],
    ['Tea sampler', 'Eight teas to try', 450],
  ],
  Mugs: [
    ['Stoneware mug', 'Hand-glazed stoneware mug, 350 ml', 400],
    ['Double-wall glass', 'Insulated glass cup, 250 ml', 350],
    ['Travel tumbler', 'Vacuum-insulated steel tumbler with a lid, 470 ml', 450],
    ['Espresso cups (set of 4)', 'Porcelain cups with saucers', 600],
    ['Enamel camp mug', 'Lightweight enamel mug for the outdoors', 250],
    ['Latte bowl', 'Wide porcelain bowl, 400 ml', 450],
    ['Teapot', 'Cast-iron teapot with an infuser, 800 ml', 1400],
    ['Mug warmer', 'Keeps a drink warm on your desk', 500],
    ['Reusable cup', 'Bamboo-fibre cup for coffee to go', 150],
    ['Gift mug', 'A mug with a secret message at the bottom', 400],
  ],
  Snacks: [
    ['Almond biscotti', 'Twice-baked Italian biscuits, 200 g', 230],
    ['Dark chocolate 70%', 'Single-origin bar, 100 g', 120],
    ['Stroopwafels', 'Caramel waffles to rest on a mug, 8 pieces', 300],
    ['Shortbread', 'Butter shortbread fingers, 150 g', 180],
    ['Salted caramels', 'Soft caramels, 120 g', 150],
    ['Granola', 'Oat and honey granola, 400 g', 430],
    ['Madeleines', 'French sponge cakes, 12 pieces', 350],
    ['Candied ginger', 'Crystallised ginger pieces, 100 g', 120],
    ['Cocoa nibs', 'Roasted cocoa nibs, 150 g', 170],
    ['Snack box', 'A little of every snack', 900],
  ],
  Gifts: [
    ['Barista starter kit', 'Dripper, filters, grinder and a bag of coffee', 2600],
    ['Tea lover gift set', 'Teapot, two cups and three teas', 2200],
    ['Gift card 25', 'A gift card worth 25 dollars', 20],
    ['Gift card 50', 'A gift card worth 50 dollars', 20],
    ['Coffee subscription (3 months)', 'A new coffee every month', 20],
    ['Latte art pitcher', 'Steel pitcher for latte art, 600 ml', 700],
    ['Coffee table book', 'The atlas of coffee', 2100],
    ['Brew journal', 'A notebook for tasting notes', 350],
    ['Scented candle', 'Smells like a fresh espresso', 400],
    ['Holiday hamper', 'Coffee, tea and snacks in a basket', 4500],
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
      for (const [name, description, weightGrams] of products) {
        n++;
        await seedProduct(runtime, manager, n, { name, description, categoryId: category.id, weightGrams });
      }
    }
  });
  runtime.eventsCommitted();
  runtime.logger.info('seeded the demo catalogue');
}

async function seedProduct(runtime: SubgraphRuntime, manager: EntityManager, n: number, values: { name: string; description: string; categoryId: string; weightGrams: number }) {
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
