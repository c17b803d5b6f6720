// A tab bar (catalogue, cart, orders, notifications, chat) and one pushed screen (an order, a room). Small enough to hold in a
// context of our own: React Navigation would add native modules (screens, safe-area, gestures)
// that the react-native-web build would then have to bundle and the tests to drive.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { BackHandler } from 'react-native';

export type Tab = 'catalogue' | 'cart' | 'orders' | 'notifications' | 'chat';
export type Route = { name: Tab } | { name: 'order'; orderId: string } | { name: 'room'; roomId: string };

const pushed = (route: Route) => route.name === 'order' || route.name === 'room';

interface Navigation {
  route: Route;
  /** The tab under the current screen (an order or a room is shown over the tab it was opened from). */
  tab: Tab;
  navigate: (route: Route) => void;
  /** False when there was nowhere to go back to. */
  back: () => boolean;
}

const NavigationContext = createContext<Navigation | null>(null);

export function NavigationProvider({ children }: { children: ReactNode }) {
  const [stack, setStack] = useState<Route[]>([{ name: 'catalogue' }]);
  const route = stack[stack.length - 1];
  const navigate = useCallback((next: Route) => setStack((current) => (pushed(next) ? [...current.filter((r) => !pushed(r)), next] : [next])), []);
  const back = useCallback(() => {
    if (stack.length < 2) return false;
    setStack(stack.slice(0, -1));
    return true;
  }, [stack]);
  // Android's back button closes the pushed screen before it leaves the app.
  useEffect(() => {
    const subscription = BackHandler.addEventListener('hardwareBackPress', back);
    return () => subscription.remove();
  }, [back]);
  const below = [...stack].reverse().find((r): r is { name: Tab } => !pushed(r));
  const tab = below?.name ?? 'orders';
  const value = useMemo(() => ({ route, tab, navigate, back }), [route, tab, navigate, back]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside NavigationProvider');
  return navigation;
}
