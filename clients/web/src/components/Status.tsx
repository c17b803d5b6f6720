import { describeError } from '@supergraph/client-core';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      {what}…
    </p>
  );
}

/** An error as the API put it, with a retry when there is something to retry. */
export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  const { message } = describeError(error);
  return (
    <div className="error" role="alert">
      <span>{message}</span>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
