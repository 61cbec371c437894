import type { Knex } from 'knex';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildFieldCatalog, compileRulesets, type CompiledRules } from '../../rules';
import type { CaseChangePayload } from './events';
import type { StoredInboxEvent } from './inbox';
import { processorAtIntake, sameValue, type ProcessorDeps } from './processEvent';

describe('sameValue (snapshot diffing)', () => {
  it('compares datetimes by instant, whatever the format Salesforce used', () => {
    expect(sameValue('2026-01-02T03:04:05Z', '2026-01-02T03:04:05.000+0000')).toBe(true);
    expect(sameValue('2026-01-02T03:04:05.000+0100', '2026-01-02T02:04:05Z')).toBe(true);
    expect(sameValue('2026-01-02T03:04:05Z', '2026-01-02T03:04:06.000+0000')).toBe(false);
  });

  it('treats absent and null alike, and compares other values exactly', () => {
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue('High', 'High')).toBe(true);
    expect(sameValue('High', 'high')).toBe(false);
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue(['a'], ['a'])).toBe(true);
  });
});

describe('processing at intake', () => {
  const INTEGRATION_USER = '005000000000001AAA';
  const caseCreate = (commitUser: string): StoredInboxEvent => ({
    id: 1,
    kind: 'case.create',
    status: 'received',
    payload: JSON.stringify({
      changeType: 'CREATE',
      caseId: '500000000000001AAA',
      changedFields: null,
      nulledFields: [],
      values: { CaseNumber: '00001001', Subject: 'Printer on fire' },
      commitUser,
      commitTimestamp: 0,
      origin: 'cdc',
    } satisfies CaseChangePayload),
    case_id: '500000000000001AAA',
    case_number: '00001001',
    incident_id: null,
    incident_number: null,
  });

  function noRules(): CompiledRules {
    const result = compileRulesets([], buildFieldCatalog([]));
    if (!result.ok) throw new Error('no rulesets compile');
    return result.compiled;
  }

  /** A processor whose reads know only what is given: no store, no vendor behind them. */
  async function processAtIntake(event: StoredInboxEvent, known: { salesforceUser?: string; rulesCompiled: boolean }) {
    const deps = {
      snapshots: { getMany: () => Promise.resolve(new Map()) },
      links: { byCasesOrIncidents: () => Promise.resolve([]) },
      rules: { ifCurrent: () => Promise.resolve(known.rulesCompiled ? noRules() : undefined) },
      salesforce: { knownIntegrationUserId: () => (known.salesforceUser === undefined ? undefined : { id: known.salesforceUser }) },
      pagerduty: { knownIntegrationUserId: () => undefined },
    } as unknown as ProcessorDeps;
    // The stand-in reads above never use the transaction.
    const trx = {} as unknown as Knex.Transaction;
    const processing = await processorAtIntake(deps, pino({ level: 'silent' })).begin(trx, [event]);
    return processing.process(event);
  }

  it('leaves an event to its job when the Salesforce session is not known yet', async () => {
    expect(await processAtIntake(caseCreate('005000000000002AAA'), { rulesCompiled: true })).toBeUndefined();
  });

  it('leaves an event to its job when the rules are not compiled yet', async () => {
    expect(await processAtIntake(caseCreate('005000000000002AAA'), { salesforceUser: INTEGRATION_USER, rulesCompiled: false })).toBeUndefined();
  });

  it('processes what it can decide without the worker: an echo needs no rules', async () => {
    const processed = await processAtIntake(caseCreate(INTEGRATION_USER), { salesforceUser: INTEGRATION_USER, rulesCompiled: false });
    expect(processed).toEqual({
      result: { status: 'ignored', actions: [], note: 'Written by the integration user: an echo of our own change, rules not run' },
      actions: [],
    });
  });

  it('processes a person’s change with the rules compiled', async () => {
    const processed = await processAtIntake(caseCreate('005000000000002AAA'), { salesforceUser: INTEGRATION_USER, rulesCompiled: true });
    expect(processed).toEqual({ result: { status: 'processed', actions: [], note: 'No rule matched' }, actions: [] });
  });
});
