import type { Knex } from 'knex';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildFieldCatalog, compileRulesets, type CompiledRules } from '../../rules';
import { newRule, newRuleset, type Rule } from '../../rules/model';
import { SAMPLE_CASE_FIELDS } from '../../rules/testing/sampleCaseFields';
import type { CaseChangePayload } from './events';
import type { StoredInboxEvent } from './inbox';
import type { Job } from './jobQueue';
import { processEventsTask, processorAtIntake, sameValue, type ProcessorDeps } from './processEvent';

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

describe('a note webhook that names no agent', () => {
  const INCIDENT_ID = 'PINC001';
  const noteEvent = (content: string): StoredInboxEvent => ({
    id: 7,
    kind: 'incident.annotated',
    status: 'received',
    payload: JSON.stringify({
      id: 'EVT1',
      event_type: 'incident.annotated',
      resource_type: 'incident',
      occurred_at: '2026-12-07T10:00:00Z',
      agent: null,
      data: { type: 'incident_note', id: 'PNOTE1', content, incident: { id: INCIDENT_ID, type: 'incident_reference' } },
    }),
    case_id: null,
    case_number: null,
    incident_id: INCIDENT_ID,
    incident_number: '12',
  });

  /** At intake, with the incident already seen, no rules, and the engine's remembered writes given. */
  async function processNote(content: string, remembered: string[]) {
    const compiled = compileRulesets([], buildFieldCatalog([]));
    if (!compiled.ok) throw new Error('no rulesets compile');
    const deps = {
      snapshots: { getMany: (type: string) => Promise.resolve(new Map(type === 'incident' ? [[INCIDENT_ID, { id: INCIDENT_ID, status: 'triggered' }]] : [])) },
      links: { byCasesOrIncidents: () => Promise.resolve([]) },
      rules: { ifCurrent: () => Promise.resolve(compiled.compiled) },
      ownWrites: {
        wrote: (kind: string, id: string, text: string) => Promise.resolve(kind === 'incident_note' && id === INCIDENT_ID && remembered.includes(text)),
      },
      salesforce: { knownIntegrationUserId: () => undefined },
      pagerduty: { knownIntegrationUserId: () => 'PINTEGR' },
    } as unknown as ProcessorDeps;
    const trx = {} as unknown as Knex.Transaction;
    const processing = await processorAtIntake(deps, pino({ level: 'silent' })).begin(trx, [noteEvent(content)]);
    return processing.process(noteEvent(content));
  }

  it('is our echo when the engine remembers writing that note (nothing is planted in the text to tell)', async () => {
    const processed = await processNote('Ada (Salesforce comment): see https://status.example.com/x', [
      'Ada (Salesforce comment): see https://status.example.com/x',
    ]);
    expect(processed?.result).toMatchObject({ status: 'ignored', note: 'Made by the integration user: an echo of our own change, rules not run' });
  });

  it('is a person’s note otherwise', async () => {
    const processed = await processNote('Rolled back the deploy', ['Ada (Salesforce comment): see https://status.example.com/x']);
    expect(processed?.result).toMatchObject({ status: 'processed' });
  });
});

describe('a Case update seen for the first time (no snapshot)', () => {
  const CASE_ID = '500000000000009AAA';
  /** What Salesforce answers when the worker reads the Case: it already holds the new values. */
  const caseNow = { Id: CASE_ID, CaseNumber: '00001009', Subject: 'Checkout fails', Priority: 'High', Status: 'New' };
  const update: StoredInboxEvent = {
    id: 9,
    kind: 'case.update',
    status: 'received',
    payload: JSON.stringify({
      changeType: 'UPDATE',
      caseId: CASE_ID,
      changedFields: ['Priority'],
      nulledFields: [],
      values: { Priority: 'High' },
      commitUser: '005000000000002AAA',
      commitTimestamp: 0,
      origin: 'cdc',
    } satisfies CaseChangePayload),
    case_id: CASE_ID,
    case_number: '00001009',
    incident_id: null,
    incident_number: null,
  };

  function rulesWith(condition: Rule['conditions'][number]): CompiledRules {
    const rule: Rule = {
      ...newRule({ id: 'r1', name: 'Page on High' }),
      conditions: [condition],
      actions: [{ type: 'create_incident', serviceId: 'PSVC1', title: '{{Case.Subject}}' }],
    };
    const result = compileRulesets(
      [{ ...newRuleset({ id: 'rs1', name: 'Main', position: 0 }), enabled: true, rules: [rule] }],
      buildFieldCatalog(SAMPLE_CASE_FIELDS),
    );
    if (!result.ok) throw new Error(`the test ruleset does not compile: ${JSON.stringify(result.errors)}`);
    return result.compiled;
  }

  /** The worker's processing, over stub reads: the event rows, no snapshot, the Case read from Salesforce. */
  async function processByWorker(compiled: CompiledRules, rows: readonly unknown[] = [update]) {
    const deps = {
      // The inbox rows; and no custom field mapping (fieldMappings.ts reads them in order).
      db: () => ({ whereIn: () => ({ select: () => Promise.resolve(rows) }), orderBy: () => ({ select: () => Promise.resolve([]) }) }),
      snapshots: { getMany: () => Promise.resolve(new Map()) },
      links: { byCasesOrIncidents: () => Promise.resolve([]) },
      rules: { compiled: () => Promise.resolve(compiled) },
      salesforce: {
        integrationUserId: () => Promise.resolve('005000000000001AAA'),
        run: () => Promise.resolve({ attributes: { type: 'Case' }, ...caseNow }),
      },
      pagerduty: { integrationUserId: () => Promise.resolve(undefined) },
    } as unknown as ProcessorDeps;
    return processEventsTask(deps)(rows.map((row) => ({ payload: { eventId: (row as { id: number }).id } }) as unknown as Job));
  }

  it('sees "changed to" on the fields CDC says changed, though the Case read afterwards already holds the new value', async () => {
    const [outcome] = await processByWorker(rulesWith({ field: 'Case.Priority', operator: 'changed_to', value: 'High' }));
    expect(outcome).toMatchObject({ ok: true, result: { result: { status: 'processed', actions: ['create_incident'] } } });
  });

  it('does not claim to know what a changed field held before ("changed from" stays false)', async () => {
    const [outcome] = await processByWorker(rulesWith({ field: 'Case.Priority', operator: 'changed_from', value: 'High' }));
    expect(outcome).toMatchObject({ ok: true, result: { result: { actions: [] } } });
  });

  it('fails an event whose stored payload cannot be read alone, and processes the rest of its batch', async () => {
    const damaged = { ...update, id: update.id + 1, payload: Buffer.from([9, 1, 2, 3]) };
    const [unreadable, processed] = await processByWorker(rulesWith({ field: 'Case.Priority', operator: 'changed_to', value: 'High' }), [damaged, update]);
    expect(unreadable).toMatchObject({ ok: false, error: expect.any(Error) as unknown });
    expect(processed).toMatchObject({ ok: true, result: { result: { status: 'processed', actions: ['create_incident'] } } });
  });
});
