import { useApolloClient, useQuery } from '@apollo/client/react';
import { CartDocument, logout } from '@supergraph/client-core';
import { Link, NavLink, useNavigate } from 'react-router';
import { ChatLive } from '../chat/ChatLive';
import { useAppSession } from '../session';
import { NotificationBell } from './NotificationBell';

export function Header() {
  const { session, state } = useAppSession();
  const client = useApolloClient();
  const navigate = useNavigate();
  const { data } = useQuery(CartDocument, { skip: !state });

  async function signOut() {
    await logout(client, session);
    await navigate('/');
  }

  return (
    <header className="header">
      <Link to="/" className="brand">
        Supergraph Shop
      </Link>
      <nav>
        <NavLink to="/">Catalogue</NavLink>
        {state && <NavLink to="/orders">My orders</NavLink>}
        {state && (
          <NavLink to="/cart">
            Cart{' '}
            <span className="badge" data-testid="cart-count">
              {data?.cart.itemCount ?? 0}
            </span>
          </NavLink>
        )}
        {state && <NotificationBell viewerId={state.user.id} />}
        {state && <ChatLive viewerId={state.user.id} />}
      </nav>
      <div className="account">
        {state ? (
          <>
            <span>{state.user.name}</span>
            <button type="button" className="link" onClick={() => void signOut()}>
              Sign out
            </button>
          </>
        ) : (
          <NavLink to="/login">Sign in</NavLink>
        )}
      </div>
    </header>
  );
}
