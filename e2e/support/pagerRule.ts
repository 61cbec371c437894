import type * as RulesetsModule from '../../server/store/rulesets';
import type { RunningApp } from '../../server/start';
import { loadServerModule } from './signedInApp';

/** Which ruleset holds the pager rule, and when a Case's Priority counts as High. */
export interface PagerRuleset {
  id: string;
  /** The ruleset's name, as RULESETS lists it. */
  name: string;
  ruleId: string;
  /** `equals`: every change of a High Case; `changed_to`: only the change that raises it to High. */
  operator: 'equals' | 'changed_to';
}

/**
 * Seeds the pager rule, as the demo's starter "Page on high-priority Cases" has it: a High Case
 * opens an incident on Customer Support. Then the demo's webhook subscription follows the rules,
 * as the admin API does after a ruleset change.
 */
export async function seedPagerRule(app: RunningApp, ruleset: PagerRuleset): Promise<void> {
  const { RulesetStore } = await loadServerModule<typeof RulesetsModule>('server/store/rulesets.ts');
  const serviceId = app.emulators!.pagerduty.seedInfo().ids.services['Customer Support']!;
  await new RulesetStore(app.ctx.db).save({
    id: ruleset.id,
    name: ruleset.name,
    enabled: true,
    position: 0,
    rules: [
      {
        id: ruleset.ruleId,
        name: 'High → incident on Customer Support',
        runOn: { kind: 'case', on: 'both' },
        conditions: [{ field: 'Case.Priority', operator: ruleset.operator, value: 'High' }],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'create_incident', serviceId, urgency: 'high' }],
        stopProcessing: false,
      },
    ],
  });
  await app.ctx.webhooks.followRules();
}
