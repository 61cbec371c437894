import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { SyncEngineEvents } from '../../pipeline/engine';
import type { Job } from '../../pipeline/jobQueue';
import { coalescedChanges, EngineChangeHub, type EngineChange } from './engineChanges';

const event = (incidentId: string | null, source = 'pagerduty') =>
  ({ source, sourceEventId: `e-${Math.random()}`, kind: 'incident.acknowledged', payload: {}, incidentId }) as never;
const job = (caseId: string | null, incidentId: string | null) => ({ caseId, incidentId }) as Job;

describe('EngineChangeHub', () => {
  it('holds one listener on the engine for any number of subscribers, attached with the first and removed with the last', () => {
    const engine = new EventEmitter<SyncEngineEvents>();
    const hub = new EngineChangeHub(engine);
    const received: EngineChange[][] = Array.from({ length: 20 }, () => []);
    const stops = received.map((changes) => hub.subscribe((change) => changes.push(change)));
    expect(engine.listenerCount('eventRecorded')).toBe(1);
    expect(engine.listenerCount('jobFinished')).toBe(1);

    engine.emit('eventRecorded', event('PINC1'), 1);
    engine.emit('jobFinished', job('500000000000001AAA', 'PINC1'), 'done', 3);
    engine.emit('jobFinished', job('500000000000001AAA', 'PINC1'), 'retry' as never, 3);
    for (const changes of received) {
      expect(changes).toEqual([
        { kind: 'event', source: 'pagerduty', incidentId: 'PINC1', caseId: null },
        { kind: 'job', incidentId: 'PINC1', caseId: '500000000000001AAA' },
      ]);
    }
    for (const stop of stops) stop();
    expect(engine.listenerCount('eventRecorded')).toBe(0);
    expect(engine.listenerCount('jobFinished')).toBe(0);
  });

  it('keeps delivering to the others when one subscriber throws or leaves during delivery', () => {
    const engine = new EventEmitter<SyncEngineEvents>();
    const hub = new EngineChangeHub(engine);
    const heard = vi.fn();
    const stopSelf: { stop?: () => void } = {};
    stopSelf.stop = hub.subscribe(() => stopSelf.stop?.());
    hub.subscribe(() => {
      throw new Error('a broken socket');
    });
    hub.subscribe(heard);
    engine.emit('eventRecorded', event('PINC2'), 2);
    engine.emit('eventRecorded', event('PINC3'), 3);
    expect(heard).toHaveBeenCalledTimes(2);
    expect(hub.subscriberCount).toBe(2);
  });
});

describe('coalescedChanges', () => {
  it('calls once per burst of the changes that matter, and never after it is stopped', () => {
    vi.useFakeTimers();
    try {
      const engine = new EventEmitter<SyncEngineEvents>();
      const hub = new EngineChangeHub(engine);
      const listener = vi.fn();
      const stop = coalescedChanges(hub, (change) => change.incidentId === 'PMINE', listener, 250);
      for (let index = 0; index < 50; index++) engine.emit('eventRecorded', event('PMINE'), index);
      engine.emit('eventRecorded', event('POTHER'), 99);
      vi.advanceTimersByTime(250);
      expect(listener).toHaveBeenCalledTimes(1);
      engine.emit('eventRecorded', event('POTHER'), 100);
      vi.advanceTimersByTime(250);
      expect(listener).toHaveBeenCalledTimes(1);
      engine.emit('eventRecorded', event('PMINE'), 101);
      stop();
      vi.advanceTimersByTime(250);
      expect(listener).toHaveBeenCalledTimes(1);
      expect(engine.listenerCount('eventRecorded')).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
