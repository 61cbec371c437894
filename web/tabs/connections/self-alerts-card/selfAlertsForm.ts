import type { SelfAlertConnectionView, UpdateSelfAlertConnectionRequest } from '../../../../contracts/selfAlerts';

/** What the admin is typing on the card: the routing key empty unless a new one is typed. */
export interface SelfAlertsDraft {
  eventsApiUrl: string;
  routingKey: string;
  /** Remove the saved routing key (stop paging). */
  removeRoutingKey: boolean;
}

export const SELF_ALERT_FIELD_LABELS: Readonly<Record<keyof UpdateSelfAlertConnectionRequest, string>> = {
  eventsApiUrl: 'Events API URL',
  routingKey: 'Routing key (Events API v2 integration key)',
};

export function selfAlertsDraftFrom(view: SelfAlertConnectionView): SelfAlertsDraft {
  return { eventsApiUrl: view.eventsApiUrl, routingKey: '', removeRoutingKey: false };
}

/** The PUT body: the URL as typed, the key only when one was typed (or "" to remove it). */
export function selfAlertsUpdateFrom(draft: SelfAlertsDraft): UpdateSelfAlertConnectionRequest {
  const key = draft.routingKey.trim();
  return {
    eventsApiUrl: draft.eventsApiUrl.trim(),
    ...(draft.removeRoutingKey ? { routingKey: '' } : key ? { routingKey: key } : {}),
  };
}
