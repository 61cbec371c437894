import { agentEndpoints, type AgentCaseReply } from '../../../contracts/agent';
import { apiErrorFrom, networkError } from '../../api/apiError';

/** The name of the meta tag the server puts the agent token in (server/http/views/canvasPages.ts). */
export const AGENT_TOKEN_META = 'pdsc-agent-token';

/** The agent token of this page: sent as a Bearer, since the page lives in a cross-site frame where cookies may not be. */
export function agentTokenOfPage(doc: Document = document): string | undefined {
  return doc.querySelector<HTMLMetaElement>(`meta[name="${AGENT_TOKEN_META}"]`)?.content || undefined;
}

/** The agent API, typed by contracts/agent.ts. Failures throw ApiError (the server's message, or what failed on the way). */
export class AgentApi {
  constructor(
    private readonly token: string | undefined,
    private readonly fetcher: typeof fetch = (input, init) => globalThis.fetch(input, init),
  ) {}

  getCase(signal?: AbortSignal): Promise<AgentCaseReply> {
    return this.#get(agentEndpoints.getAgentCase.path, signal);
  }

  async #get<T>(path: string, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await this.fetcher(path, { headers, signal: signal ?? null });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw networkError(error);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw apiErrorFrom(response.status, body, response.statusText);
    return body as T;
  }
}
