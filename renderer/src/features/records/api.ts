import { aussonderungEndpoints } from '../../../../shared/contracts/http/aussonderung.ts';
import { createHttpClient, type HttpClient } from '../../api/http.ts';

export type AussonderungApi = HttpClient<typeof aussonderungEndpoints>;

/** The Aussonderung's endpoints for the logged-in session (online only: nothing of it syncs). */
export function aussonderungApi(session: { serverUrl: string; token: string }): AussonderungApi {
  return createHttpClient(aussonderungEndpoints, { baseUrl: session.serverUrl, getToken: () => session.token });
}
