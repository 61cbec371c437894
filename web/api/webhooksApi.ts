import { webhookEndpoints as endpoints, type WebhooksReply } from '../../contracts/webhooks';
import type { ApiClient } from './client';

/** The webhook subscription endpoints, typed by their contract (contracts/webhooks.ts). */
export class WebhooksApi {
  constructor(private readonly api: ApiClient) {}

  /** The subscriptions and their state, asked of PagerDuty now (`?refresh=1`). */
  webhooks(signal?: AbortSignal): Promise<WebhooksReply> {
    return this.api.call({ ...endpoints.getWebhooks, path: `${endpoints.getWebhooks.path}?refresh=1` }, { signal });
  }

  provision(): Promise<WebhooksReply> {
    return this.api.call(endpoints.provisionWebhooks);
  }

  repair(): Promise<WebhooksReply> {
    return this.api.call(endpoints.repairWebhooks);
  }
}
