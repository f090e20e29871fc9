import { bescheidEndpoints } from '../../../../shared/contracts/http/bescheid.ts';
import { createHttpClient, type HttpClient } from '../../api/http.ts';

export type BescheidApi = HttpClient<typeof bescheidEndpoints>;

/** The seal service's endpoints (trust anchors, sealing retry) for the logged-in session. */
export function bescheidApi(session: { serverUrl: string; token: string }): BescheidApi {
  return createHttpClient(bescheidEndpoints, { baseUrl: session.serverUrl, getToken: () => session.token });
}
