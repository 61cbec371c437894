import { endpointPath } from '../../contracts/authoring';
import {
  syncEndpoints as endpoints,
  type StartSyncRunRequest,
  type SyncRunsReply,
  type SyncRunView,
  type SyncSettings,
  type UpdateSyncSettingsRequest,
} from '../../contracts/sync';
import type { ApiClient } from './client';

/**
 * The sync settings and manual sync endpoints, typed by their contract (contracts/sync.ts),
 * called through the one ApiClient (CSRF token, error envelope, 401 → sign-in).
 */
export class SyncApi {
  constructor(private readonly api: ApiClient) {}

  settings(signal?: AbortSignal): Promise<SyncSettings> {
    return this.api.call(endpoints.getSyncSettings, { signal });
  }

  saveSettings(update: UpdateSyncSettingsRequest): Promise<SyncSettings> {
    return this.api.call(endpoints.updateSyncSettings, { body: update });
  }

  runs(signal?: AbortSignal): Promise<SyncRunsReply> {
    return this.api.call(endpoints.listSyncRuns, { signal });
  }

  run(id: string, signal?: AbortSignal): Promise<SyncRunView> {
    return this.api.call({ ...endpoints.getSyncRun, path: endpointPath(endpoints.getSyncRun.path, { id }) }, { signal });
  }

  startRun(request: StartSyncRunRequest): Promise<SyncRunView> {
    return this.api.call(endpoints.startSyncRun, { body: request });
  }

  cancelRun(id: string): Promise<SyncRunView> {
    return this.api.call({ ...endpoints.cancelSyncRun, path: endpointPath(endpoints.cancelSyncRun.path, { id }) }, { body: {} });
  }
}
