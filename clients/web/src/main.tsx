import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient, createSession, fetchRefresh } from '@supergraph/client-core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { SessionContext } from './session';
import './styles.css';

// Same origin as the page: the Vite server (or whatever serves the build) proxies /graphql to the router.
const httpUrl = new URL('/graphql', window.location.href).href;
const wsUrl = httpUrl.replace(/^http/, 'ws');

// Tabs share localStorage, so they take turns to refresh (navigator.locks; absent outside secure contexts).
const lock = navigator.locks ? (run: () => Promise<void>) => navigator.locks.request('supergraph.session.refresh', run) : undefined;
const session = createSession({ storage: window.localStorage, refresh: fetchRefresh(httpUrl), lock });
const client = createApolloClient({ httpUrl, wsUrl, session });

void session.restore().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ApolloProvider client={client}>
        <SessionContext value={session}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </SessionContext>
      </ApolloProvider>
    </StrictMode>,
  ),
);
