import {
  syncEndpoints as endpoints,
  type StartSyncRunRequest,
  type SyncRunsReply,
  type SyncRunView,
  type SyncSettings,
  type UpdateSyncSettingsRequest,
} from '../../../../contracts/sync';
import { apiErrorFrom, networkError } from '../../../api/apiError';
import type { ApiClient } from '../../../api/client';

/**
 * The sync settings and manual sync endpoints, typed by their contract
 * (contracts/sync.ts). Same-origin cookie, the session's CSRF token from the shared
 * ApiClient on writes, failures as ApiError.
 */
export class SyncSettingsApi {
  constructor(private readonly api: ApiClient) {}

  settings(signal?: AbortSignal): Promise<SyncSettings> {
    return this.#request('GET', endpoints.getSyncSettings.path, undefined, signal);
  }

  saveSettings(update: UpdateSyncSettingsRequest): Promise<SyncSettings> {
    return this.#request('PUT', endpoints.updateSyncSettings.path, update);
  }

  runs(signal?: AbortSignal): Promise<SyncRunsReply> {
    return this.#request('GET', endpoints.listSyncRuns.path, undefined, signal);
  }

  run(id: string, signal?: AbortSignal): Promise<SyncRunView> {
    return this.#request('GET', endpoints.getSyncRun.path.replace(':id', encodeURIComponent(id)), undefined, signal);
  }

  startRun(request: StartSyncRunRequest): Promise<SyncRunView> {
    return this.#request('POST', endpoints.startSyncRun.path, request);
  }

  cancelRun(id: string): Promise<SyncRunView> {
    return this.#request('POST', endpoints.cancelSyncRun.path.replace(':id', encodeURIComponent(id)), {});
  }

  async #request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.api.csrfToken) headers['X-CSRF-Token'] = this.api.csrfToken;
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if ((error as { name?: string })?.name === 'AbortError') throw error;
      throw networkError(error);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      // Not JSON (a proxy's error page): keep the text for the error message.
    }
    if (!response.ok) throw apiErrorFrom(response.status, parsed, response.statusText);
    return parsed as T;
  }
}
