// The peer benchmark's subgraphs: four Federation 2 subgraphs shaped like a small shop (accounts,
// products, reviews, inventory) with entity keys, @provides, @requires and a @shareable field, and
// an `events` subgraph with a subscription for the fan-out probe.
import { parse, type DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { PRODUCTS, REVIEWS, shippingEstimate, STOCK, USERS } from './data';

export interface SubgraphDef {
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<unknown>;
}

const link = (imports: string[]) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [${imports.map((i) => `"${i}"`).join(', ')}])`;
const byId = <T, K extends keyof T>(rows: T[], key: K) => new Map(rows.map((r) => [r[key], r]));
const users = byId(USERS, 'id');
const products = byId(PRODUCTS, 'upc');
const reviews = byId(REVIEWS, 'id');

export const SUBGRAPHS: Record<'accounts' | 'products' | 'reviews' | 'inventory', SubgraphDef> = {
  accounts: {
    typeDefs: parse(`${link(['@key', '@shareable'])}
      type Query { me: User  user(id: ID!): User  users: [User] }
      type User @key(fields: "id") { id: ID!  name: String  username: String @shareable  birthday: Int }`),
    resolvers: {
      Query: { me: () => USERS[0], user: (_: unknown, { id }: { id: string }) => users.get(id), users: () => USERS },
      User: { __resolveReference: (ref: { id: string }) => users.get(ref.id) },
    },
  },
  products: {
    typeDefs: parse(`${link(['@key'])}
      type Query { topProducts(first: Int = 5): [Product] }
      type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }`),
    resolvers: {
      Query: { topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first) },
      Product: { __resolveReference: (ref: { upc: string }) => products.get(ref.upc) },
    },
  },
  reviews: {
    typeDefs: parse(`${link(['@key', '@external', '@provides'])}
      type Review @key(fields: "id") { id: ID!  body: String  author: User @provides(fields: "username")  product: Product }
      type User @key(fields: "id") { id: ID!  username: String @external  reviews: [Review] }
      type Product @key(fields: "upc") { upc: String!  reviews: [Review] }`),
    resolvers: {
      Review: {
        __resolveReference: (ref: { id: string }) => reviews.get(ref.id),
        // The author's username is provided here, saving the gateway a trip to accounts for it.
        author: (r: (typeof REVIEWS)[number]) => ({ id: r.authorId, username: users.get(r.authorId)!.username }),
        product: (r: (typeof REVIEWS)[number]) => ({ upc: r.productUpc }),
      },
      User: { reviews: (u: { id: string }) => REVIEWS.filter((r) => r.authorId === u.id) },
      Product: { reviews: (p: { upc: string }) => REVIEWS.filter((r) => r.productUpc === p.upc) },
    },
  },
  inventory: {
    typeDefs: parse(`${link(['@key', '@external', '@requires'])}
      type Product @key(fields: "upc") {
        upc: String!  price: Int @external  weight: Int @external
        inStock: Boolean  shippingEstimate: Int @requires(fields: "price weight")
      }`),
    resolvers: {
      Product: {
        __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ({ ...ref, inStock: STOCK.get(ref.upc) }),
        shippingEstimate: (p: { price: number; weight: number }) => shippingEstimate(p),
      },
    },
  },
};

/** The events subgraph's schema; its resolvers live with its server (bench/peer/subgraphs.ts). */
export const EVENTS_TYPEDEFS = parse(`${link(['@key'])}
  type Query { lastTick: Tick }
  type Subscription { tick: Tick }
  type Tick { seq: Int!  sentAt: Float!  product: Product }
  type Product @key(fields: "upc", resolvable: false) { upc: String! }`);
