import {
  agentEndpoints,
  IDEMPOTENCY_KEY_HEADER,
  type AgentActionReply,
  type AgentActionsReply,
  type AgentCaseReply,
  type SearchIncidentsReply,
} from '../../../contracts/agent';
import { endpointPath } from '../../../contracts/endpoint';
import { apiErrorFrom, networkError } from '../../api/apiError';

/** The name of the meta tag the server puts the agent token in (server/http/views/canvasPages.ts). */
export const AGENT_TOKEN_META = 'pdsc-agent-token';

/** The agent token of this page: sent as a Bearer, since the page lives in a cross-site frame where cookies may not be. */
export function agentTokenOfPage(doc: Document = document): string | undefined {
  return doc.querySelector<HTMLMetaElement>(`meta[name="${AGENT_TOKEN_META}"]`)?.content || undefined;
}

/** The action endpoints on the Case's linked incident, by the name the console's forms use. */
export const incidentActionEndpoints = {
  addNote: agentEndpoints.addAgentNote,
  reassign: agentEndpoints.reassignAgentIncident,
  changePriority: agentEndpoints.changeAgentPriority,
  changeUrgency: agentEndpoints.changeAgentUrgency,
  addResponders: agentEndpoints.addAgentResponders,
  postStatusUpdate: agentEndpoints.postAgentStatusUpdate,
  startWorkflow: agentEndpoints.startAgentWorkflow,
  resolve: agentEndpoints.resolveAgentIncident,
  unlinkIncident: agentEndpoints.unlinkAgentIncident,
} as const;
export type IncidentActionName = keyof typeof incidentActionEndpoints;

/** The agent API, typed by contracts/agent.ts. Failures throw ApiError (the server's message, or what failed on the way). */
export class AgentApi {
  constructor(
    private readonly token: string | undefined,
    private readonly fetcher: typeof fetch = (input, init) => globalThis.fetch(input, init),
  ) {}

  getCase(signal?: AbortSignal): Promise<AgentCaseReply> {
    return this.#send('GET', agentEndpoints.getAgentCase.path, { signal });
  }

  getActions(signal?: AbortSignal): Promise<AgentActionsReply> {
    return this.#send('GET', agentEndpoints.getAgentActions.path, { signal });
  }

  searchIncidents(q: string, signal?: AbortSignal): Promise<SearchIncidentsReply> {
    return this.#send('GET', `${agentEndpoints.searchAgentIncidents.path}?${new URLSearchParams({ q }).toString()}`, { signal });
  }

  /** Creates an incident for the Case; `key` makes a repeat of the same submission act once. */
  createIncident(body: unknown, key: string): Promise<AgentActionReply> {
    return this.#send('POST', agentEndpoints.createAgentIncident.path, { body, key });
  }

  linkIncident(incidentId: string, key: string): Promise<AgentActionReply> {
    return this.#send('POST', agentEndpoints.linkAgentIncident.path, { body: { incidentId }, key });
  }

  /** An action on the Case's linked incident. */
  actOnIncident(action: IncidentActionName, incidentId: string, body: unknown, key: string): Promise<AgentActionReply> {
    const endpoint = incidentActionEndpoints[action];
    return this.#send(endpoint.method, endpointPath(endpoint.path, { incidentId }), { key, ...(endpoint.method === 'DELETE' ? {} : { body }) });
  }

  async #send<T>(method: string, path: string, options: { body?: unknown; key?: string; signal?: AbortSignal | undefined }): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (options.key) headers[IDEMPOTENCY_KEY_HEADER] = options.key;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetcher(path, {
        method,
        headers,
        signal: options.signal ?? null,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw networkError(error);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw apiErrorFrom(response.status, body, response.statusText);
    return body as T;
  }
}
