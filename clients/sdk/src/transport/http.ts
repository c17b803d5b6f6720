import type { GraphQLFormattedError } from 'graphql';
import { errorFromStatus, networkError, SupergraphError } from '../errors.js';

/** The part of the Fetch API the SDK uses: the global `fetch` of browsers and Node fits. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; statusText: string; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface OperationRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

interface GraphQLResponse {
  data?: unknown;
  errors?: GraphQLFormattedError[];
}

/** One POST of one operation; the data, or a SupergraphError for GraphQL errors, HTTP failures and network failures. */
export async function postOperation(fetchFn: FetchLike, url: string, request: OperationRequest, headers: Record<string, string>, signal?: AbortSignal): Promise<unknown> {
  let response: Awaited<ReturnType<FetchLike>>;
  let text: string;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      // The router prefers graphql-response+json (HTTP status tells errors apart); plain JSON for older servers.
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
      body: JSON.stringify(request),
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw networkError(error);
  }
  let body: GraphQLResponse | undefined;
  try {
    body = JSON.parse(text) as GraphQLResponse;
  } catch {
    // A proxy's HTML error page, or a cut-off body.
  }
  if (body?.errors?.length) throw SupergraphError.fromGraphQLErrors(body.errors, response.status);
  if (!response.ok || body === undefined || body.data === undefined || body.data === null) {
    if (response.ok) throw networkError(new Error(`HTTP ${response.status} without GraphQL data`));
    throw errorFromStatus(response.status, `HTTP ${response.status} ${response.statusText}`);
  }
  return body.data;
}
