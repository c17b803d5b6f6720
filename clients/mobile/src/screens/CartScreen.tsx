import { useMutation, useQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { ScrollView, StyleSheet, Text, TextInput, View } from 'react-native';
import { CartDocument, CheckoutDocument, formatMoney, UpdateCartItemDocument, type CartFieldsFragment } from '@supergraph/client-core';
import { cartTotals } from '../logic/cart';
import { useNavigation } from '../navigation';
import { Button } from '../ui/Button';
import { common } from '../ui/theme';

export function CartScreen() {
  const { data, error } = useQuery(CartDocument, { fetchPolicy: 'cache-and-network' });
  const items = data?.cart.items ?? [];
  const totals = cartTotals(items);
  return (
    <ScrollView style={common.screen}>
      <Text style={common.title}>Cart</Text>
      {error && <Text style={common.error}>{error.message}</Text>}
      {items.map((line) => (
        <CartLine key={line.product.id} line={line} />
      ))}
      {totals ? (
        <View style={common.card} testID="cart-totals">
          <Row label={`Subtotal (${totals.itemCount} ${totals.itemCount === 1 ? 'item' : 'items'})`} value={formatMoney(totals.subtotal)} />
          <Row label="Tax" value={formatMoney(totals.tax)} />
          <Row label="Shipping" value="quoted at checkout" />
          <Row label="Total before shipping" value={formatMoney(totals.totalBeforeShipping)} strong testID="cart-total" />
          <CheckoutForm />
        </View>
      ) : (
        <Text style={[common.muted, { padding: 16 }]}>Your cart is empty.</Text>
      )}
    </ScrollView>
  );
}

function CartLine({ line }: { line: CartFieldsFragment['items'][number] }) {
  const [update, { loading }] = useMutation(UpdateCartItemDocument);
  const change = (quantity: number) => void update({ variables: { productId: line.product.id, quantity } }).catch(() => undefined);
  return (
    <View style={[common.card, common.row]} testID={`cart-line-${line.product.id}`}>
      <View style={{ flex: 1 }}>
        <Text style={common.body}>{line.product.name}</Text>
        <Text style={common.muted}>
          {line.quantity} × {formatMoney(line.product.price)}
        </Text>
      </View>
      <View style={styles.stepper}>
        <Button title="−" kind="secondary" disabled={loading} onPress={() => change(line.quantity - 1)} />
        <Button title="+" kind="secondary" disabled={loading} onPress={() => change(line.quantity + 1)} />
      </View>
    </View>
  );
}

/**
 * Card payments go through the provider's own SDK on a real phone, which hands back a token; the
 * simulated provider here takes test tokens (tok_visa, tok_chargeDeclined) typed in directly.
 */
function CheckoutForm() {
  const { navigate } = useNavigation();
  const [cardToken, setCardToken] = useState('tok_visa');
  // One key per checkout attempt: a retry after a dropped connection returns the same order.
  const idempotencyKey = useRef(newKey());
  const [checkout, { loading, error }] = useMutation(CheckoutDocument, { refetchQueries: [CartDocument] });
  const submit = async () => {
    const result = await checkout({ variables: { input: { idempotencyKey: idempotencyKey.current, paymentMethod: 'CARD', cardToken } } }).catch(() => null);
    if (!result?.data) return;
    idempotencyKey.current = newKey();
    navigate({ name: 'order', orderId: result.data.checkout.id });
  };
  return (
    <View style={{ marginTop: 12 }}>
      <TextInput testID="checkout-card" style={common.input} value={cardToken} onChangeText={setCardToken} autoCapitalize="none" placeholder="Card token" />
      {error && <Text style={[common.error, { paddingHorizontal: 0 }]}>{error.message}</Text>}
      <Button testID="checkout-submit" title="Pay and place order" busy={loading} disabled={!cardToken} onPress={() => void submit()} />
    </View>
  );
}

function Row({ label, value, strong, testID }: { label: string; value: string; strong?: boolean; testID?: string }) {
  return (
    <View style={[common.row, { paddingVertical: 3 }]}>
      <Text style={[common.muted, strong && styles.strong]}>{label}</Text>
      <Text testID={testID} style={[common.body, strong && styles.strong]}>
        {value}
      </Text>
    </View>
  );
}

function newKey() {
  return `mobile-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

const styles = StyleSheet.create({
  stepper: { flexDirection: 'row', gap: 8 },
  strong: { fontWeight: '700', color: '#1d1d1f' },
});
