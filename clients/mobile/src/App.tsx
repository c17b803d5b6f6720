import { ApolloProvider, useQuery } from '@apollo/client/react';
import { CartDocument, createApolloClient } from '@supergraph/client-core';
import { useEffect, useState } from 'react';
import { ActivityIndicator, Pressable, StyleSheet, Text, View } from 'react-native';
import { SafeAreaProvider, SafeAreaView } from 'react-native-safe-area-context';
import { graphqlUrl, graphqlWsUrl } from './config';
import { useLiveUnreadCount } from './data/useNotifications';
import { NavigationProvider, useNavigation, type Tab } from './navigation';
import { CartScreen } from './screens/CartScreen';
import { CatalogueScreen } from './screens/CatalogueScreen';
import { ChatScreen } from './screens/ChatScreen';
import { LoginScreen } from './screens/LoginScreen';
import { NotificationsScreen } from './screens/NotificationsScreen';
import { OrderScreen } from './screens/OrderScreen';
import { OrdersScreen } from './screens/OrdersScreen';
import { RoomScreen } from './screens/RoomScreen';
import { createMobileSession } from './session/mobileSession';
import { SessionProvider, useSession } from './session/SessionProvider';
import { deviceStorage } from './session/storage';
import { colors } from './ui/theme';

export function App() {
  const [{ session, client }] = useState(() => {
    const session = createMobileSession({ httpUrl: graphqlUrl, storage: deviceStorage });
    return { session, client: createApolloClient({ httpUrl: graphqlUrl, wsUrl: graphqlWsUrl, session }) };
  });
  useEffect(
    () => () => {
      client.close();
      session.dispose();
    },
    [client, session],
  );
  return (
    <ApolloProvider client={client}>
      <SessionProvider session={session}>
        <SafeAreaProvider>
          <SafeAreaView style={styles.root}>
            <Root />
          </SafeAreaView>
        </SafeAreaProvider>
      </SessionProvider>
    </ApolloProvider>
  );
}

function Root() {
  const { restored, state } = useSession();
  if (!restored) return <ActivityIndicator style={styles.root} />;
  if (!state) return <LoginScreen />;
  return (
    <NavigationProvider>
      <CurrentScreen />
      <TabBar />
    </NavigationProvider>
  );
}

function CurrentScreen() {
  const { route } = useNavigation();
  switch (route.name) {
    case 'catalogue':
      return <CatalogueScreen />;
    case 'cart':
      return <CartScreen />;
    case 'orders':
      return <OrdersScreen />;
    case 'notifications':
      return <NotificationsScreen />;
    case 'order':
      return <OrderScreen orderId={route.orderId} />;
    case 'chat':
      return <ChatScreen />;
    case 'room':
      return <RoomScreen key={route.roomId} roomId={route.roomId} />;
  }
}

const TABS: { tab: Tab; label: string }[] = [
  { tab: 'catalogue', label: 'Shop' },
  { tab: 'cart', label: 'Cart' },
  { tab: 'orders', label: 'Orders' },
  { tab: 'notifications', label: 'Inbox' },
  { tab: 'chat', label: 'Chat' },
];

function TabBar() {
  const { tab: current, navigate } = useNavigation();
  const { logout } = useSession();
  const cart = useQuery(CartDocument);
  const count = cart.data?.cart.itemCount ?? 0;
  const unread = useLiveUnreadCount();
  return (
    <View style={styles.tabBar} accessibilityRole="tablist">
      {TABS.map(({ tab, label }) => (
        <Pressable key={tab} testID={`tab-${tab}`} accessibilityRole="tab" accessibilityState={{ selected: tab === current }} style={styles.tab} onPress={() => navigate({ name: tab })}>
          <View style={styles.tabContent}>
            <Text style={[styles.tabLabel, tab === current && styles.tabCurrent]}>
              {label}
              {tab === 'cart' && count > 0 ? ` (${count})` : ''}
            </Text>
            {tab === 'notifications' && unread > 0 && (
              <View testID="tab-notifications-badge" style={styles.badge} accessibilityLabel={`${unread} unread`}>
                <Text style={styles.badgeLabel}>{unread > 99 ? '99+' : unread}</Text>
              </View>
            )}
          </View>
        </Pressable>
      ))}
      <Pressable testID="logout" accessibilityRole="button" style={styles.tab} onPress={() => void logout()}>
        <Text style={styles.tabLabel}>Sign out</Text>
      </Pressable>
    </View>
  );
}

const styles = StyleSheet.create({
  root: { flex: 1, backgroundColor: colors.background },
  tabBar: { flexDirection: 'row', borderTopWidth: StyleSheet.hairlineWidth, borderColor: colors.border, backgroundColor: colors.card },
  tab: { flex: 1, alignItems: 'center', paddingVertical: 14 },
  tabLabel: { fontSize: 15, color: colors.muted },
  tabCurrent: { color: colors.accent, fontWeight: '700' },
  tabContent: { flexDirection: 'row', alignItems: 'center' },
  badge: { marginLeft: 4, minWidth: 20, height: 20, borderRadius: 10, paddingHorizontal: 5, backgroundColor: colors.tone.problem, alignItems: 'center', justifyContent: 'center' },
  badgeLabel: { color: '#fff', fontSize: 12, fontWeight: '700' },
});
