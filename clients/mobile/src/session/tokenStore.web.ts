// In a browser (react-native-web) SecureStore has no backing store: the session survives a reload
// in sessionStorage, which ends with the tab.
import { parseTokens, type TokenStore } from './tokens';

const KEY = 'supergraph.session';

export const deviceTokenStore: TokenStore = {
  load: async () => parseTokens(sessionStorage.getItem(KEY)),
  save: async (tokens) => sessionStorage.setItem(KEY, JSON.stringify(tokens)),
  clear: async () => sessionStorage.removeItem(KEY),
};
