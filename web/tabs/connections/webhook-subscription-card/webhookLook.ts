import type { WebhookOverallState, WebhookSubscriptionState, WebhooksReply } from '../../../../contracts/api';
import type { StatusLook } from '../../../components/status-badge/statusBadge';

/** The badge for the overall webhook state. */
export function overallLook(state: WebhookOverallState): StatusLook {
  switch (state) {
    case 'enabled':
      return { tone: 'success', icon: 'success', label: 'Webhook enabled' };
    case 'disabled':
      return { tone: 'error', icon: 'error', label: 'Webhook not delivering' };
    case 'unknown':
      return { tone: 'warning', icon: 'warning', label: 'State unknown' };
    case 'not_provisioned':
      return { tone: 'neutral', icon: 'info', label: 'Not provisioned' };
  }
}

export function subscriptionLook(state: WebhookSubscriptionState): StatusLook {
  switch (state) {
    case 'enabled':
      return { tone: 'success', icon: 'success', label: 'Enabled' };
    case 'disabled':
      return { tone: 'error', icon: 'error', label: 'Disabled' };
    case 'missing':
      return { tone: 'error', icon: 'error', label: 'Deleted in PagerDuty' };
    case 'unknown':
      return { tone: 'warning', icon: 'warning', label: 'Unknown' };
  }
}

/**
 * Which action the card offers first: Provision when nothing exists or the rules need other
 * services, Repair when a subscription does not deliver; both stay available.
 */
export function primaryAction(reply: WebhooksReply): 'provision' | 'repair' {
  if (reply.state === 'disabled') return 'repair';
  return 'provision';
}

/** "Checkout API (PABC123)", "PABC123", or "All services" for the account-wide subscription. */
export function scopeLabel(sub: { scope: 'service' | 'account'; serviceId: string | null; serviceName: string | null }): string {
  if (sub.scope === 'account' || !sub.serviceId) return 'All services';
  return sub.serviceName ? `${sub.serviceName} (${sub.serviceId})` : sub.serviceId;
}
