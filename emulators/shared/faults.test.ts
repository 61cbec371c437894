import { describe, expect, it } from 'vitest';
import { FaultInjector, faultSpecSchema } from './faults';

describe('FaultInjector', () => {
  it('applies a fault n times, then lets requests through', () => {
    const faults = new FaultInjector();
    faults.add({ path: '^/incidents$', method: 'POST', status: 500, times: 2 });
    expect(faults.take('POST', '/incidents')?.status).toBe(500);
    expect(faults.take('GET', '/incidents')).toBeUndefined();
    expect(faults.take('POST', '/incidents')?.status).toBe(500);
    expect(faults.take('POST', '/incidents')).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('applies a fault at a rate', () => {
    const draws = [0.1, 0.9, 0.4];
    const faults = new FaultInjector(() => draws.shift()!);
    faults.add({ path: 'query', status: 503, rate: 0.5 });
    expect(faults.take('GET', '/services/data/v59.0/query')).toBeDefined();
    expect(faults.take('GET', '/services/data/v59.0/query')).toBeUndefined();
    expect(faults.take('GET', '/services/data/v59.0/query')).toBeDefined();
  });

  it('rejects a spec that does nothing or has a bad pattern', () => {
    expect(faultSpecSchema.safeParse({ path: '/x' }).success).toBe(false);
    expect(() => new FaultInjector().add({ path: '(', status: 500 })).toThrow();
  });
});
