import type { SupergraphError } from './errors.js';

/** Called when the API refuses the access token (expired or revoked): resolve to a new one, or to nothing to give up. */
export type TokenRefresher = (error: SupergraphError) => Promise<string | null | undefined> | string | null | undefined;

/** The client's credentials: an access token (that a refresher may replace) or an API key. */
export class Credentials {
  private refreshing: Promise<boolean> | undefined;

  constructor(
    public token: string | undefined,
    private readonly apiKey: string | undefined,
    private readonly refresher: TokenRefresher | undefined,
  ) {}

  /** HTTP headers, as the router reads them. */
  headers(): Record<string, string> {
    if (this.token) return { authorization: `Bearer ${this.token}` };
    return this.apiKey ? { 'x-api-key': this.apiKey } : {};
  }

  /** graphql-ws `connectionParams`, as the router reads them. */
  connectionParams(): Record<string, string> {
    return this.headers();
  }

  /**
   * After `error` (UNAUTHENTICATED) answered a request sent with `usedToken`: true when a new token
   * is there to retry with. Concurrent failures share one refresh; a failure of a token that was
   * already replaced retries with the replacement without refreshing again.
   */
  async renewAfter(usedToken: string | undefined, error: SupergraphError): Promise<boolean> {
    const refresher = this.refresher;
    if (!refresher || usedToken === undefined) return false;
    if (this.token !== usedToken) return this.token !== undefined;
    this.refreshing ??= (async () => {
      try {
        const next = await refresher(error);
        if (!next) return false;
        this.token = next;
        return true;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }
}
