import { priorityRoutingEndpoints as endpoints, type PriorityRoutingReply, type PriorityRoutingRequest } from '../../contracts/priorityRouting';
import type { ApiClient } from './client';

/** The priority routing endpoints (OBJECT MAPPINGS → Priority routing), typed by their shared contract. */
export class PriorityRoutingApi {
  constructor(private readonly api: ApiClient) {}

  get(signal?: AbortSignal): Promise<PriorityRoutingReply> {
    return this.api.call(endpoints.getPriorityRouting, { signal });
  }
  save(body: PriorityRoutingRequest): Promise<PriorityRoutingReply> {
    return this.api.call(endpoints.putPriorityRouting, { body });
  }
}
