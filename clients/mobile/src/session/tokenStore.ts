// On a phone the refresh token lives in the OS keychain / keystore (expo-secure-store), never in
// plain storage: it is a long-lived credential. The web build uses tokenStore.web.ts instead.
import * as SecureStore from 'expo-secure-store';
import { parseTokens, type TokenStore } from './tokens';

const KEY = 'supergraph.session';

export const deviceTokenStore: TokenStore = {
  load: async () => parseTokens(await SecureStore.getItemAsync(KEY)),
  save: (tokens) => SecureStore.setItemAsync(KEY, JSON.stringify(tokens)),
  clear: () => SecureStore.deleteItemAsync(KEY),
};
