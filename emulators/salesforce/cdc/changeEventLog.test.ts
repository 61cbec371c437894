import { describe, expect, it } from 'vitest';
import { Clock } from '../../shared/clock';
import { ChangeEventLog, REPLAY_ALL_RETAINED, REPLAY_NEW_EVENTS } from './changeEventLog';
import { channelCarries, entityChannel, parseChannel } from './channels';
import type { ChangeEventData } from './changeEventMessage';

const HOUR = 3_600_000;
const all = { kind: 'all' } as const;
const cases = { kind: 'entity', entityName: 'Case' } as const;

function fakeData(replayId: number): ChangeEventData {
  return { schema: 's', payload: {} as ChangeEventData['payload'], event: { replayId } };
}

function logWith(entities: string[], retentionMs = 72 * HOUR) {
  const clock = new Clock();
  const log = new ChangeEventLog(clock, retentionMs);
  for (const entity of entities) log.append(entity, fakeData);
  return { clock, log };
}

describe('ChangeEventLog', () => {
  it('numbers events with one increasing replayId and filters them per channel', () => {
    const { log } = logWith(['Case', 'Account', 'Case']);
    expect(log.eventsAfter(all, 0).map((event) => event.replayId)).toEqual([1, 2, 3]);
    expect(log.eventsAfter(cases, 0).map((event) => event.replayId)).toEqual([1, 3]);
    expect(log.eventsAfter(cases, 1).map((event) => event.replayId)).toEqual([3]);
    expect(log.eventsAfter(cases, 3)).toEqual([]);
  });

  it('resolves -1 to the newest replayId, -2 to everything retained, N to events after N', () => {
    const { log } = logWith(['Case', 'Case', 'Case']);
    expect(log.resolveStart(REPLAY_NEW_EVENTS)).toEqual({ ok: true, after: 3 });
    expect(log.resolveStart(REPLAY_ALL_RETAINED)).toEqual({ ok: true, after: 0 });
    expect(log.resolveStart(2)).toEqual({ ok: true, after: 2 });
    expect(log.resolveStart(3)).toEqual({ ok: true, after: 3 });
  });

  it('refuses replayIds that were never issued or are not integers', () => {
    const { log } = logWith(['Case']);
    for (const replay of [2, 0, -3, 1.5, '1', null, { id: 1 }]) {
      expect(log.resolveStart(replay)).toEqual({ ok: false });
    }
  });

  it('drops events older than the retention window and refuses their replayIds', () => {
    const { clock, log } = logWith(['Case', 'Case'], 10 * HOUR);
    clock.advance(5 * HOUR);
    log.append('Case', fakeData);
    clock.advance(5 * HOUR);
    expect(log.eventsAfter(all, 0).map((event) => event.replayId)).toEqual([3]);
    expect(log.resolveStart(2)).toEqual({ ok: false });
    expect(log.resolveStart(3)).toEqual({ ok: true, after: 3 });
    clock.advance(5 * HOUR);
    expect(log.eventsAfter(all, 0)).toEqual([]);
    expect(log.resolveStart(3)).toEqual({ ok: false });
    expect(log.resolveStart(REPLAY_ALL_RETAINED)).toEqual({ ok: true, after: 0 });
  });

  it('keeps counting after clear, so replayIds from before a reset stay invalid', () => {
    const { log } = logWith(['Case', 'Case']);
    log.clear();
    expect(log.resolveStart(2)).toEqual({ ok: false });
    expect(log.append('Case', fakeData).replayId).toBe(3);
  });

  it('rejects a retention that is not a positive duration', () => {
    expect(() => new ChangeEventLog(new Clock(), 0)).toThrow(/positive number of milliseconds/);
  });
});

describe('channels', () => {
  it('names standard and custom object channels as Salesforce does', () => {
    expect(entityChannel('Case')).toBe('/data/CaseChangeEvent');
    expect(entityChannel('Ticket__c')).toBe('/data/Ticket__ChangeEvent');
    expect(parseChannel('/data/CaseChangeEvent')).toEqual({ kind: 'entity', entityName: 'Case' });
    expect(parseChannel('/data/Ticket__ChangeEvent')).toEqual({ kind: 'entity', entityName: 'Ticket__c' });
    expect(parseChannel('/data/ChangeEvents')).toEqual({ kind: 'all' });
  });

  it('matches object names case-insensitively, as the store does', () => {
    const selector = parseChannel('/data/caseChangeEvent')!;
    expect(channelCarries(selector, 'Case')).toBe(true);
    expect(channelCarries(selector, 'Account')).toBe(false);
    expect(channelCarries({ kind: 'all' }, 'Account')).toBe(true);
  });

  it('does not take other channels for change event channels', () => {
    for (const channel of ['/data/ChangeEvent', '/topic/CaseChangeEvent', '/data/Case', '/event/Alert__e', '/data/Case/ChangeEvent']) {
      expect(parseChannel(channel)).toBeUndefined();
    }
  });
});
