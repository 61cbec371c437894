import type { Request, Response } from 'express';
import { compileRulesets, evaluate, type RuleEvent, type PreviousValues } from '../../rules';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { liveCatalog } from './authoring/caseDescribe';
import { readCaseByNumber, readIncident, sampleIncident } from './authoring/ruleTestEvents';
import { pagerDutyNames } from './authoring/pagerDutyDirectory';
import { param, requireRuleset, rulesetStore, rulesInvalid } from './authoring/rulesetAccess';
import { ruleTestRequest, type RuleTestReply } from '../../contracts/authoring';
import { parseInput } from './validate';

/**
 * POST /api/rulesets/:id/rules/:ruleId/test: "Test this rule". Evaluates the saved rule alone
 * (its ruleset may be disabled) on a real Case read by number, or on a PagerDuty incident event
 * (a real incident, by the number the UI shows or its id, or the built-in sample), and answers
 * the trace: each condition with the value
 * seen and its outcome, and the actions the rule would take. Nothing is written anywhere.
 */
export const postRuleTest = (ctx: AppContext) => async (req: Request, res: Response<RuleTestReply>) => {
  const rulesetId = param(req.params.id, 'ruleset id');
  const ruleId = param(req.params.ruleId, 'rule id');
  const input = parseInput(ruleTestRequest, req.body);
  const ruleset = await requireRuleset(rulesetStore(ctx), rulesetId);
  const rule = ruleset.rules.find((candidate) => candidate.id === ruleId);
  if (!rule) throw new AppError('not_found', `The ruleset has no rule with the id ${ruleId}: save the rule first.`);

  const catalog = await liveCatalog(ctx);
  const compiled = compileRulesets([{ ...ruleset, rules: [rule] }], catalog);
  if (!compiled.ok)
    throw rulesInvalid(
      'The rule no longer fits the Case describe',
      compiled.errors.map((e) => ({ ...e, path: e.path.replace(/^rulesets\[0\]\.rules\[0\]\.?/, '') })),
    );

  let event: RuleEvent;
  let previous: PreviousValues;
  let summary: RuleTestReply['event'];
  if ('caseNumber' in input) {
    if (rule.runOn.kind !== 'case') throw wrongEvent('caseNumber', 'This rule runs on PagerDuty incident events: test it with a PagerDuty event');
    const change = input.change ?? (rule.runOn.on === 'create' ? 'create' : 'update');
    const record = await readCaseByNumber(ctx, catalog, input.caseNumber);
    const caseId = String(record.Id);
    previous = change === 'create' ? undefined : await ctx.snapshots.get('case', caseId);
    event = { kind: 'case', change, record };
    const caseNumber = typeof record.CaseNumber === 'string' ? record.CaseNumber : input.caseNumber;
    summary = { kind: 'case', change, caseId, caseNumber, usedSnapshot: previous !== undefined };
  } else {
    if (rule.runOn.kind !== 'incident') throw wrongEvent('sampleEvent', 'This rule runs on Case changes: test it with a Case number');
    const { eventType, incidentId } = input.sampleEvent;
    const read = incidentId ? await readIncident(ctx, incidentId, eventType) : sampleIncident(eventType);
    previous = incidentId ? await ctx.snapshots.get('incident', read.id) : undefined;
    // What PagerDuty's incident does not carry (the latest status update, custom field values)
    // is what the engine last saw, as for a real event.
    const incident: Record<string, unknown> & typeof read = { ...previous, ...read };
    if (incidentId && eventType === 'incident.annotated') incident.note_content = 'Test note';
    event = { kind: 'incident', eventType, incident };
    summary = { kind: 'incident', eventType, incidentId: incident.id, incidentNumber: incident.number, source: incidentId ? 'pagerduty' : 'sample' };
  }

  const result = evaluate(compiled.compiled, event, previous, { includeDisabled: true });
  const trace = result.trace[0];
  if (!trace) throw new AppError('internal', 'The evaluator returned no trace for the tested rule');
  const actions = result.actions.map((selected) => selected.action);
  res.json({
    event: summary,
    record: event.kind === 'case' ? { ...event.record } : { ...event.incident },
    matched: trace.matched,
    trace,
    actions,
    pagerDutyNames: actions.some((action) => action.type !== 'set_case_fields' && action.type !== 'create_case' && action.type !== 'add_case_comment')
      ? await pagerDutyNames(ctx)
      : {},
  });
};

function wrongEvent(path: string, message: string): AppError {
  return new AppError('validation_failed', message, { fields: [{ path, message }] });
}
