import { Navigate, Route, Routes, useLocation } from 'react-router';
import type { ReactNode } from 'react';
import { Header } from './components/Header';
import { CartPage } from './pages/CartPage';
import { CataloguePage } from './pages/CataloguePage';
import { CheckoutPage } from './pages/CheckoutPage';
import { LoginPage } from './pages/LoginPage';
import { OrderPage } from './pages/OrderPage';
import { OrdersPage } from './pages/OrdersPage';
import { ProductPage } from './pages/ProductPage';
import { useHeartbeat } from './chat/useHeartbeat';
import { InboxPage } from './pages/InboxPage';
import { RoomPage } from './pages/RoomPage';
import { RoomsPage } from './pages/RoomsPage';
import { useAppSession } from './session';

/** Pages for signed-in customers: anyone else goes to the login page and comes back after. */
function RequireSignIn({ children }: { children: ReactNode }) {
  const { state } = useAppSession();
  const location = useLocation();
  return state ? children : <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
}

export function App() {
  useHeartbeat(Boolean(useAppSession().state));
  return (
    <>
      <Header />
      <main>
        <Routes>
          <Route path="/" element={<CataloguePage />} />
          <Route path="/products/:id" element={<ProductPage />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/cart" element={<RequireSignIn children={<CartPage />} />} />
          <Route path="/checkout" element={<RequireSignIn children={<CheckoutPage />} />} />
          <Route path="/orders" element={<RequireSignIn children={<OrdersPage />} />} />
          <Route path="/orders/:id" element={<RequireSignIn children={<OrderPage />} />} />
          <Route path="/inbox" element={<RequireSignIn children={<InboxPage />} />} />
          <Route path="/chat" element={<RequireSignIn children={<RoomsPage />} />} />
          <Route path="/chat/:id" element={<RequireSignIn children={<RoomPage />} />} />
          <Route
            path="*"
            element={
              <p className="empty">
                Nothing here. <a href="/">Back to the catalogue</a>
              </p>
            }
          />
        </Routes>
      </main>
    </>
  );
}
