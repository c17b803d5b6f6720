import type { CartItemResolvers, CartResolvers } from '../__generated__/resolvers-types';
import { productReference } from '../references';

export const Cart: CartResolvers = {
  itemCount: (cart) => cart.items.reduce((units, item) => units + item.quantity, 0),
};

export const CartItem: CartItemResolvers = {
  product: (item) => productReference(item.productId),
};
