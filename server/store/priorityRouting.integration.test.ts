import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { EMPTY_PRIORITY_ROUTING, mappedPriority, readPriorityRouting, routedPolicy, writePriorityRouting, type PriorityRouting } from './priorityRouting';
import { PRIORITY_ROUTING_TABLES } from './tables';

const routing: PriorityRouting = {
  routes: [
    { serviceId: 'PSVC1', priorityId: 'PP1', escalationPolicyId: 'PEP1', active: true },
    { serviceId: 'PSVC1', priorityId: 'PP2', escalationPolicyId: 'PEP2', active: false },
    { serviceId: 'PSVC2', priorityId: 'PP1', escalationPolicyId: 'PEP2', active: true },
  ],
  caseField: 'Priority',
  caseValues: [
    { caseValue: 'High', priorityId: 'PP1' },
    { caseValue: 'Medium', priorityId: 'PP2' },
  ],
};

describe.each(await testEngines())('priority routing store on %s', (engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('reads nothing configured on a new installation, then what was saved, rows in the order entered', async () => {
    database = await createTestDatabase(engine);
    expect(await readPriorityRouting(database.db)).toEqual(EMPTY_PRIORITY_ROUTING);
    await writePriorityRouting(database.db, routing);
    expect(await readPriorityRouting(database.db)).toEqual(routing);

    const reordered: PriorityRouting = { routes: [routing.routes[2]!, { ...routing.routes[0]!, active: false }], caseField: null, caseValues: [] };
    await writePriorityRouting(database.db, reordered);
    expect(await readPriorityRouting(database.db)).toEqual(reordered);
  });

  it('refuses a second row for the same (service, priority) and keeps the previous configuration whole', async () => {
    database = await createTestDatabase(engine);
    await writePriorityRouting(database.db, routing);
    const duplicate: PriorityRouting = { ...routing, routes: [...routing.routes, { ...routing.routes[0]!, escalationPolicyId: 'PEP9' }], caseField: 'Status' };
    await expect(writePriorityRouting(database.db, duplicate)).rejects.toThrow();
    expect(await readPriorityRouting(database.db)).toEqual(routing);
    expect(await database.db(PRIORITY_ROUTING_TABLES.routes).pluck('escalation_policy_id')).toHaveLength(routing.routes.length);
  });

  it('routes only through active rows, and maps only the values listed', async () => {
    database = await createTestDatabase(engine);
    await writePriorityRouting(database.db, routing);
    const stored = await readPriorityRouting(database.db);
    expect(routedPolicy(stored, 'PSVC1', 'PP1')).toBe('PEP1');
    expect(routedPolicy(stored, 'PSVC1', 'PP2')).toBeUndefined();
    expect(routedPolicy(stored, 'PSVC3', 'PP1')).toBeUndefined();
    expect(routedPolicy(stored, 'PSVC1', null)).toBeUndefined();
    expect(mappedPriority(stored, { Priority: 'High' })).toBe('PP1');
    expect(mappedPriority(stored, { Priority: 'Low' })).toBeUndefined();
    expect(mappedPriority(stored, { Priority: null })).toBeUndefined();
    expect(mappedPriority({ ...stored, caseField: null }, { Priority: 'High' })).toBeUndefined();
  });
});
