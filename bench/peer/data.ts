// The peer benchmark's data: generated from a fixed seed, so every run and every gateway sees the
// same users, products, reviews and stock, and the bench query always has the same answer.

/** A small deterministic PRNG (mulberry32): the same seed gives the same sequence on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(20260101);
const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'ze', 'po', 'da', 'fe', 'gu', 'hi', 'jo', 'be'];
const word = () => Array.from({ length: int(1, 4) }, () => SYLLABLES[int(0, SYLLABLES.length - 1)]).join('');
const sentence = (words: number) => Array.from({ length: words }, word).join(' ');

export interface User {
  id: string;
  name: string;
  username: string;
  birthday: number;
}
export interface Product {
  upc: string;
  name: string;
  price: number;
  weight: number;
}
export interface Review {
  id: string;
  body: string;
  authorId: string;
  productUpc: string;
}

export const USERS: User[] = Array.from({ length: 6 }, (_, i) => ({
  id: String(i + 1),
  name: `${word()} ${word()}`,
  username: `member${i + 1}`,
  birthday: 631_152_000 + int(0, 9_000) * 86_400,
}));

export const PRODUCTS: Product[] = Array.from({ length: 9 }, (_, i) => ({
  upc: String(i + 1),
  name: sentence(2),
  price: int(10, 120_000),
  weight: int(20, 6_000),
}));

// Reviews lean on the first products, as real traffic does: that is what makes the nested
// `reviews { author { reviews { product } } }` branches of the bench query wide.
export const REVIEWS: Review[] = Array.from({ length: 11 }, (_, i) => ({
  id: String(i + 1),
  body: sentence(int(26, 92)),
  authorId: String((i % USERS.length) + 1),
  productUpc: String(i < 8 ? Math.floor(i / 4) + 1 : i - 5),
}));

export const STOCK = new Map(PRODUCTS.map((p) => [p.upc, int(0, 2) > 0]));

/** Free shipping above 1,000; otherwise by weight (the field inventory derives with @requires). */
export const shippingEstimate = (p: { price: number; weight: number }) => (p.price > 1000 ? 0 : Math.round(p.weight / 2));
