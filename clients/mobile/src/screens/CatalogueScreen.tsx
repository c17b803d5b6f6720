import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { FlatList, RefreshControl, Text, TextInput, View } from 'react-native';
import { AddToCartDocument, formatMoney, ProductsDocument, type ProductCardFragment } from '@supergraph/client-core';
import { Button } from '../ui/Button';
import { common } from '../ui/theme';

/** The catalogue's first page is all a phone screen needs; search narrows it. */
const PAGE = 20;

export function CatalogueScreen() {
  const [search, setSearch] = useState('');
  const { data, loading, error, refetch } = useQuery(ProductsDocument, {
    variables: { first: PAGE, filter: { search: search.trim() || undefined, inStock: true }, sort: { field: 'NAME', direction: 'ASC' } },
  });
  return (
    <View style={common.screen}>
      <Text style={common.title}>Catalogue</Text>
      <TextInput testID="catalogue-search" style={[common.input, { marginHorizontal: 16 }]} placeholder="Search" value={search} onChangeText={setSearch} autoCapitalize="none" />
      {error && <Text style={common.error}>{error.message}</Text>}
      <FlatList
        data={data?.products.edges.map((edge) => edge.node) ?? []}
        keyExtractor={(product) => product.id}
        renderItem={({ item }) => <ProductRow product={item} />}
        refreshControl={<RefreshControl refreshing={loading} onRefresh={() => void refetch()} />}
        ListEmptyComponent={loading ? null : <Text style={[common.muted, { padding: 16 }]}>Nothing matches.</Text>}
      />
    </View>
  );
}

function ProductRow({ product }: { product: ProductCardFragment }) {
  const [add, { loading, error }] = useMutation(AddToCartDocument, { variables: { productId: product.id, quantity: 1 } });
  return (
    <View testID={`product-${product.id}`} style={common.card}>
      <View style={common.row}>
        <View style={{ flex: 1, paddingRight: 12 }}>
          <Text style={common.body}>{product.name}</Text>
          <Text style={common.muted}>
            {product.category.name} · {product.stock} in stock
          </Text>
          <Text style={[common.body, { fontWeight: '600', marginTop: 4 }]}>{formatMoney(product.price)}</Text>
        </View>
        <Button testID={`add-${product.id}`} title="Add" kind="secondary" busy={loading} onPress={() => void add().catch(() => undefined)} />
      </View>
      {error && <Text style={[common.error, { paddingHorizontal: 0 }]}>{error.message}</Text>}
    </View>
  );
}
