// In a browser SecureStore has no backing store: the session survives a reload in sessionStorage,
// which ends with the tab.
import type { SessionStorage } from '@supergraph/client-core';

export const deviceStorage: SessionStorage = sessionStorage;
