import { useQuery } from '@apollo/client/react';
import { FlatList, Pressable, RefreshControl, Text, View } from 'react-native';
import { formatMoney, MyOrdersDocument } from '@supergraph/client-core';
import { presentOrder } from '../logic/orderStatus';
import { useNavigation } from '../navigation';
import { colors, common } from '../ui/theme';

const PAGE = 20;

export function OrdersScreen() {
  const { navigate } = useNavigation();
  const { data, loading, error, refetch } = useQuery(MyOrdersDocument, { variables: { first: PAGE }, fetchPolicy: 'cache-and-network' });
  return (
    <View style={common.screen}>
      <Text style={common.title}>Orders</Text>
      {error && <Text style={common.error}>{error.message}</Text>}
      <FlatList
        data={data?.me?.orders.edges.map((edge) => edge.node) ?? []}
        keyExtractor={(order) => order.id}
        refreshControl={<RefreshControl refreshing={loading} onRefresh={() => void refetch()} />}
        ListEmptyComponent={loading ? null : <Text style={[common.muted, { padding: 16 }]}>No orders yet.</Text>}
        renderItem={({ item }) => {
          const presentation = presentOrder(item.status);
          return (
            <Pressable testID={`order-${item.id}`} style={common.card} onPress={() => navigate({ name: 'order', orderId: item.id })}>
              <View style={common.row}>
                <Text style={[common.body, { color: colors.tone[presentation.tone], fontWeight: '600' }]}>{presentation.headline}</Text>
                <Text style={common.body}>{item.total ? formatMoney(item.total) : '—'}</Text>
              </View>
              <Text style={common.muted}>
                {new Date(item.createdAt).toLocaleString()} · {item.items.reduce((sum, line) => sum + line.quantity, 0)} items
              </Text>
            </Pressable>
          );
        }}
      />
    </View>
  );
}
