import { useMutation } from '@apollo/client/react';
import { AddAddressDocument, CheckoutOptionsDocument } from '@supergraph/client-core';
import type { FormEvent } from 'react';
import { ErrorMessage } from './Status';

const FIELDS = [
  ['label', 'Label (optional)', false],
  ['line1', 'Street and number', true],
  ['city', 'City', true],
  ['postalCode', 'Postal code', true],
  ['country', 'Country (2 letters)', true],
] as const;

export function AddressForm({ onAdded }: { onAdded: (id: string) => void }) {
  const [add, { loading, error }] = useMutation(AddAddressDocument, { refetchQueries: [CheckoutOptionsDocument], awaitRefetchQueries: true });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<(typeof FIELDS)[number][0], string>;
    const { data } = await add({ variables: { input: { ...form, label: form.label || null, isDefault: true } } }).catch(() => ({ data: undefined }));
    if (data) onAdded(data.addAddress.id);
  }

  return (
    <form className="address-form" onSubmit={(event) => void submit(event)} aria-label="New address">
      {FIELDS.map(([name, label, required]) => (
        <label key={name}>
          {label}
          <input name={name} required={required} maxLength={name === 'country' ? 2 : 200} />
        </label>
      ))}
      {error && <ErrorMessage error={error} />}
      <button type="submit" disabled={loading}>
        {loading ? 'Saving…' : 'Save address'}
      </button>
    </form>
  );
}
