import { useQuery } from '@apollo/client/react';
import { CategoriesDocument } from '@supergraph/client-core';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';

const SORTS = [
  ['CREATED_AT:DESC', 'Newest'],
  ['PRICE:ASC', 'Price: low to high'],
  ['PRICE:DESC', 'Price: high to low'],
  ['NAME:ASC', 'Name'],
  ['RATING:DESC', 'Best rated'],
] as const;

/** Text and prices apply on submit (Enter); the selects and the checkbox at once. */
export function Filters() {
  const [params, setParams] = useSearchParams();
  const { data } = useQuery(CategoriesDocument);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    new FormData(event.currentTarget).forEach((value, key) => typeof value === 'string' && value && next.set(key, value));
    setParams(next);
  }

  const submitOnChange = (event: FormEvent<HTMLElement>) => (event.currentTarget as HTMLInputElement).form?.requestSubmit();

  return (
    <form className="filters card" onSubmit={apply} key={params.toString()} aria-label="Filters">
      <label>
        Search
        <input type="search" name="q" defaultValue={params.get('q') ?? ''} placeholder="kettle, lamp…" />
      </label>
      <label>
        Category
        <select name="category" defaultValue={params.get('category') ?? ''} onChange={submitOnChange}>
          <option value="">All categories</option>
          {data?.categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="price">
        <legend>Price</legend>
        <input type="number" name="min" min="0" step="0.01" placeholder="min" aria-label="Minimum price" defaultValue={params.get('min') ?? ''} />
        <span>to</span>
        <input type="number" name="max" min="0" step="0.01" placeholder="max" aria-label="Maximum price" defaultValue={params.get('max') ?? ''} />
      </fieldset>
      <label className="check">
        <input type="checkbox" name="stock" value="1" defaultChecked={params.get('stock') === '1'} onChange={submitOnChange} />
        In stock only
      </label>
      <label>
        Sort
        <select name="sort" defaultValue={params.get('sort') ?? SORTS[0][0]} onChange={submitOnChange}>
          {SORTS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="actions">
        <button type="submit" className="primary">
          Search
        </button>
        <button type="button" onClick={() => setParams(new URLSearchParams())}>
          Clear
        </button>
      </div>
    </form>
  );
}
