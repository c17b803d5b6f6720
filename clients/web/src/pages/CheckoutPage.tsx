import { useMutation, useQuery } from '@apollo/client/react';
import { CartDocument, CheckoutDocument, CheckoutOptionsDocument, formatMoney, type PaymentMethod } from '@supergraph/client-core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { cartSubtotal } from '../cart';
import { AddressForm } from '../components/AddressForm';
import { ErrorMessage, Loading } from '../components/Status';

/** One key per visit of the page: a double click or a retry after a lost answer places one order. */
const newIdempotencyKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

export function CheckoutPage() {
  const navigate = useNavigate();
  const cart = useQuery(CartDocument);
  const options = useQuery(CheckoutOptionsDocument, { fetchPolicy: 'cache-and-network' });
  const [checkout, { loading, error }] = useMutation(CheckoutDocument, { refetchQueries: [CartDocument] });
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [chosenAddress, setAddressId] = useState<string>();
  const [paymentMethod, setPaymentMethod] = useState<PaymentMethod>('CARD');
  const [cardToken, setCardToken] = useState('tok_visa');

  if ((cart.loading && !cart.data) || (options.loading && !options.data)) return <Loading what="Preparing checkout" />;
  if (cart.error ?? options.error) return <ErrorMessage error={cart.error ?? options.error} retry={() => void options.refetch()} />;
  if (!cart.data?.cart.items.length)
    return (
      <p className="empty">
        Your cart is empty. <Link to="/">Browse the catalogue</Link>
      </p>
    );

  const itemCount = cart.data.cart.itemCount;
  const addresses = options.data?.me?.addresses ?? [];
  const addressId = chosenAddress ?? addresses.find((address) => address.isDefault)?.id ?? addresses[0]?.id;
  const credit = options.data?.me?.creditLine;
  const creditUsable = credit?.status === 'APPROVED';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { idempotencyKey, addressId, paymentMethod, cardToken: paymentMethod === 'CARD' ? cardToken : undefined };
    const { data } = await checkout({ variables: { input } }).catch(() => ({ data: undefined }));
    if (data) await navigate(`/orders/${data.checkout.id}`);
  }

  return (
    <section className="card checkout">
      <h1>Checkout</h1>
      <h2>Ship to</h2>
      {addresses.length === 0 && <p className="muted">No saved address yet: add one.</p>}
      {addresses.map((address) => (
        <label key={address.id} className="choice">
          <input type="radio" name="address" checked={address.id === addressId} onChange={() => setAddressId(address.id)} />
          {address.label && <strong>{address.label}: </strong>}
          {address.line1}, {address.postalCode} {address.city}, {address.country}
        </label>
      ))}
      <details open={addresses.length === 0}>
        <summary>Add an address</summary>
        <AddressForm onAdded={setAddressId} />
      </details>

      <form onSubmit={(event) => void submit(event)} aria-label="Payment">
        <h2>Pay with</h2>
        <label className="choice">
          <input type="radio" name="payment" checked={paymentMethod === 'CARD'} onChange={() => setPaymentMethod('CARD')} />
          Card
        </label>
        {paymentMethod === 'CARD' && (
          <label className="indent">
            Card token
            <input name="cardToken" required value={cardToken} onChange={(event) => setCardToken(event.target.value)} />
            <span className="hint">tok_visa succeeds, tok_chargeDeclined is declined</span>
          </label>
        )}
        <label className={creditUsable ? 'choice' : 'choice muted'}>
          <input type="radio" name="payment" disabled={!creditUsable} checked={paymentMethod === 'CREDIT_LINE'} onChange={() => setPaymentMethod('CREDIT_LINE')} />
          Credit line {credit ? `(${credit.status.toLowerCase()}, ${formatMoney(credit.available)} available)` : '(none)'}
        </label>
        {error && <ErrorMessage error={error} />}
        <button type="submit" className="primary" disabled={loading || !addressId}>
          {loading ? 'Placing the order…' : `Place order (${itemCount} ${itemCount === 1 ? 'item' : 'items'}, ${formatMoney(cartSubtotal(cart.data.cart.items))} before tax and shipping)`}
        </button>
      </form>
    </section>
  );
}
