import type { CanvasConnectionView } from '../../../contracts/agent';
import { maskSecret } from '../../security/secrets';
import type { CanvasSettings } from '../../store/connections';

/** The Canvas app's settings as the admin API shows them: the consumer secret masked, never returned. */
export function canvasView(settings: CanvasSettings): CanvasConnectionView {
  return {
    configured: Boolean(settings.consumerSecret),
    consumerSecret: maskSecret(settings.consumerSecret),
    allowedOrgIds: settings.allowedOrgIds,
    frameAncestors: settings.frameAncestors,
    allowedProfileIds: settings.allowedProfileIds,
    agentActions: settings.agentActions,
    updatedAt: settings.updatedAt?.toISOString() ?? null,
  };
}
