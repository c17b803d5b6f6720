// On a phone the session (with its long-lived refresh token) lives in the OS keychain / keystore
// through expo-secure-store, never in plain AsyncStorage. The web build uses storage.web.ts.
import * as SecureStore from 'expo-secure-store';
import type { SessionStorage } from '@supergraph/client-core';

export const deviceStorage: SessionStorage = {
  getItem: (key) => SecureStore.getItemAsync(key),
  setItem: (key, value) => SecureStore.setItemAsync(key, value),
  removeItem: (key) => SecureStore.deleteItemAsync(key),
};
