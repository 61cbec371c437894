import {
  AGENT_CASE_CHANGED_EVENT,
  agentEndpoints,
  IDEMPOTENCY_KEY_HEADER,
  type AgentActionReply,
  type AgentActionsReply,
  type AgentCaseReply,
  type AgentTimelineReply,
  type SearchIncidentsReply,
} from '../../../contracts/agent';
import { endpointPath } from '../../../contracts/endpoint';
import { statusDashboardEndpoints } from '../../../contracts/statusDashboard';
import { apiErrorFrom, networkError } from '../../api/apiError';
import { fetchEventStream, type EventStream } from '../../api/fetchEventStream';
import { StatusDashboardApi } from '../../api/statusDashboardApi';
import { AgentToken } from './agentToken';

export { AGENT_TOKEN_META } from './agentToken';

/** After an error reply on the event stream (a 401 before the token was renewed), open it again this much later. */
const REOPEN_STREAM_MS = 5_000;

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

/**
 * The agent API, typed by contracts/agent.ts, with the page's agent token as a Bearer (the page
 * lives in a cross-site frame where cookies may not be). A 401 renews the token once (AgentToken)
 * and the call is made again, so a long session keeps working. Failures throw ApiError.
 */
export class AgentApi {
  constructor(
    readonly token: AgentToken = AgentToken.ofPage(),
    private readonly fetcher: typeof fetch = (input, init) => globalThis.fetch(input, init),
    private readonly openStream: (url: string, headers: Record<string, string>) => EventStream = (url, headers) => fetchEventStream(url, { headers }),
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

  getTimeline(signal?: AbortSignal): Promise<AgentTimelineReply> {
    return this.#send('GET', agentEndpoints.getAgentCaseTimeline.path, { signal });
  }

  /** The caller `StatusDashboardApi` needs (GET only, as the dashboard only reads). */
  call<T>(endpoint: { method: 'GET'; path: string }, options: { signal?: AbortSignal | undefined } = {}): Promise<T> {
    return this.#send('GET', endpoint.path, { signal: options.signal });
  }

  /** The Status Dashboard's data source for a Canvas page: the agent routes, the agent token. */
  statusDashboard(): StatusDashboardApi {
    return new StatusDashboardApi(this, (url) => this.#stream(url), REOPEN_STREAM_MS, {
      data: statusDashboardEndpoints.getAgentStatusDashboard.path,
      stream: statusDashboardEndpoints.streamAgentStatusDashboard.path,
    });
  }

  /**
   * Calls `onChange` when the Case's incidents may have changed (its server-sent event stream).
   * After an error reply (the token expired) the token is renewed and the stream opened again.
   */
  subscribeCase(onChange: () => void): () => void {
    let stream: EventStream | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      stream = this.#stream(agentEndpoints.streamAgentCase.path);
      stream.addEventListener(AGENT_CASE_CHANGED_EVENT, onChange);
      stream.addEventListener('error', () => {
        if (stream?.readyState !== CLOSED || reopen || stopped) return;
        reopen = setTimeout(() => {
          reopen = undefined;
          this.token
            .renew()
            .catch(() => undefined)
            .finally(() => {
              if (stopped) return;
              // What changed while the stream was closed is read again.
              onChange();
              open();
            });
        }, REOPEN_STREAM_MS);
      });
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(reopen);
      stream?.close();
    };
  }

  #stream(url: string): EventStream {
    const token = this.token.value;
    return this.openStream(url, token ? { authorization: `Bearer ${token}` } : {});
  }

  /** One call, with the idempotency key of an action and its JSON body; a 401 renews the token once and calls again. */
  async #send<T>(method: string, path: string, options: { body?: unknown; key?: string; signal?: AbortSignal | undefined }, renewed = false): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.token.value;
    if (token) headers.authorization = `Bearer ${token}`;
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
    if (response.status === 401 && !renewed) {
      const fresh = await this.token.renew().catch(() => undefined);
      if (fresh) return this.#send(method, path, options, true);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw apiErrorFrom(response.status, body, response.statusText);
    return body as T;
  }
}

/** EventSource.CLOSED, without touching the global (absent where the unit tests run). */
const CLOSED = 2;
