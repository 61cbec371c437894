import type { SelfAlertConnectionView, SelfAlertView } from '../../../contracts/selfAlerts';
import { maskSecret } from '../../security/secrets';
import type { SelfAlertSettings } from '../../store/connections';
import type { Db } from '../../store/db';
import { listSelfAlerts } from '../../store/selfAlerts';

/** Where the connector pages about itself, as the admin API shows it: the routing key masked, never returned. */
export function selfAlertConnectionView(settings: SelfAlertSettings): SelfAlertConnectionView {
  return {
    configured: Boolean(settings.routingKey),
    eventsApiUrl: settings.eventsApiUrl,
    routingKey: maskSecret(settings.routingKey),
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}

/** The problems open now (a cleared one whose resolve is still due is not shown: the problem is gone). */
export async function readOpenSelfAlerts(db: Db): Promise<SelfAlertView[]> {
  return (await listSelfAlerts(db))
    .filter((alert) => alert.state === 'open')
    .map((alert) => ({
      kind: alert.kind,
      summary: alert.summary,
      openedAt: alert.openedAt.toISOString(),
      delivery: alert.delivered ? 'paged' : 'pending',
      lastError: alert.lastError,
      nextAttemptAt: alert.nextAttemptAt?.toISOString() ?? null,
    }));
}
