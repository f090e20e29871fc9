import { searchEndpoints } from '../../../../shared/contracts/http/search.ts';
import { createHttpClient, type HttpClient } from '../../api/http.ts';

export type SearchApi = HttpClient<typeof searchEndpoints>;

/** The full-text search endpoint for the logged-in session (online only: nothing is cached). */
export function searchApi(session: { serverUrl: string; token: string }): SearchApi {
  return createHttpClient(searchEndpoints, { baseUrl: session.serverUrl, getToken: () => session.token });
}
