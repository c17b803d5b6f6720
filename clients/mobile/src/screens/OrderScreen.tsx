import { ScrollView, Text, View } from 'react-native';
import { useLiveOrder } from '../data/useLiveOrder';
import { formatMoney } from '@supergraph/client-core';
import type { Money } from '../logic/cart';
import { formatEta, presentOrder } from '../logic/orderStatus';
import { useNavigation } from '../navigation';
import { Button } from '../ui/Button';
import { StatusHeadline, StatusSteps } from '../ui/StatusBadge';
import { common } from '../ui/theme';

export function OrderScreen({ orderId }: { orderId: string }) {
  const { back } = useNavigation();
  const { order, delivery, loading, error } = useLiveOrder(orderId);
  const presentation = order && presentOrder(order.status, delivery?.status);
  const eta = formatEta(delivery?.eta);
  return (
    <ScrollView style={common.screen} testID={`order-screen-${orderId}`}>
      <View style={{ paddingHorizontal: 16, paddingTop: 12, alignItems: 'flex-start' }}>
        <Button title="‹ Back" kind="secondary" onPress={back} />
      </View>
      <Text style={common.title}>Order</Text>
      {error && <Text style={common.error}>{error.message}</Text>}
      {!order && !loading && <Text style={common.error}>This order does not exist or is not yours.</Text>}
      {order && presentation && (
        <>
          <View style={common.card}>
            <StatusHeadline presentation={presentation} testID="order-headline" />
            <Text testID="order-status" style={common.muted}>
              Order {order.status.toLowerCase().replace('_', ' ')}
              {delivery ? ` · delivery ${delivery.status.toLowerCase().replace('_', ' ')}` : ''}
            </Text>
            <StatusSteps presentation={presentation} />
            {delivery?.courier && <Text style={[common.body, { marginTop: 12 }]}>Courier: {delivery.courier.name}</Text>}
            {eta && <Text style={common.body}>Arrives in about {eta}</Text>}
          </View>
          <View style={common.card}>
            {order.items.map((line) => (
              <Line key={line.product.id} label={`${line.quantity} × ${line.product.name}`} money={line.lineTotal} />
            ))}
            <Line label="Subtotal" money={order.subtotal} />
            <Line label="Tax" money={order.tax} />
            <Line label="Shipping" money={order.shippingCost} />
            <Line label="Total" money={order.total} testID="order-total" />
          </View>
          {order.shippingAddress && (
            <View style={common.card}>
              <Text style={common.muted}>Ships to</Text>
              <Text style={common.body}>
                {order.shippingAddress.line1}, {order.shippingAddress.postalCode} {order.shippingAddress.city}
              </Text>
            </View>
          )}
        </>
      )}
    </ScrollView>
  );
}

function Line({ label, money, testID }: { label: string; money: Money | null; testID?: string }) {
  return (
    <View style={[common.row, { paddingVertical: 3 }]}>
      <Text style={common.muted}>{label}</Text>
      <Text testID={testID} style={common.body}>
        {money ? formatMoney(money) : 'pending'}
      </Text>
    </View>
  );
}
