import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Harness } from './testing/harness';
import { useEmulatorSuite } from './testing/suite';

const FROM = 'integration@example.com';
let h: Harness;

useEmulatorSuite({ harness: (started) => (h = started) });

/** The impacts answers, as the suite reads them (their full shape is checked against the document). */
const impactsAnswer = z.object({
  services: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(['impacted', 'not_impacted']),
      additional_fields: z.object({ highest_impacting_priority: z.object({ id: z.string(), order: z.number() }).nullable() }).optional(),
    }),
  ),
  additional_fields: z.object({ total_impacted_count: z.number() }).optional(),
});
const businessServicesAnswer = z.object({
  business_services: z.array(z.object({ id: z.string(), name: z.string(), team: z.object({ id: z.string() }).nullable() })).optional(),
  business_service: z.object({ id: z.string(), name: z.string(), point_of_contact: z.string() }).optional(),
});
const impacts = async (path: string) => impactsAnswer.parse(JSON.parse((await h.call('GET', path)).text));
const businessService = (name: string) => h.seed.ids.businessServices[name]!;

describe('business services', () => {
  it('lists and gets the seeded business services', async () => {
    const list = await h.call('GET', '/business_services');
    expect(list.status).toBe(200);
    expect(businessServicesAnswer.parse(JSON.parse(list.text)).business_services?.map((s) => [s.name, s.team?.id])).toEqual([
      ['Online store', h.seed.ids.teams.Engineering],
      ['Customer support portal', h.seed.ids.teams['Customer Support']],
    ]);
    const one = await h.call('GET', `/business_services/${businessService('Online store')}`);
    expect(businessServicesAnswer.parse(JSON.parse(one.text)).business_service).toMatchObject({ name: 'Online store', point_of_contact: 'Ada Lovelace' });
    const unknown = await h.call('GET', '/business_services/PNOPE00');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { message: 'Not Found', code: 2100 } });
  });

  it('is impacted while a supporting service has an open incident, most severe priority first', async () => {
    const all = await impacts('/business_services/impacts?additional_fields[]=services.highest_impacting_priority&additional_fields[]=total_impacted_count');
    // The seed's open incidents: #1 on Checkout API (P1), #2 on Customer Support (P3).
    expect(all.services.map((s) => [s.name, s.status, s.additional_fields?.highest_impacting_priority?.id])).toEqual([
      ['Customer support portal', 'impacted', h.seed.ids.priorities.P3],
      ['Online store', 'impacted', h.seed.ids.priorities.P1],
    ]);
    expect(all.additional_fields).toEqual({ total_impacted_count: 2 });
    const [portal, store] = all.services;
    expect(store!.additional_fields!.highest_impacting_priority!.order).toBeGreaterThan(portal!.additional_fields!.highest_impacting_priority!.order);

    await h.call('PUT', `/incidents/${h.seed.ids.incidents[1]}`, { from: FROM, body: { incident: { type: 'incident_reference', status: 'resolved' } } });
    const one = await impacts(`/business_services/impacts?ids[]=${businessService('Customer support portal')}`);
    expect(one.services.map((s) => [s.name, s.status])).toEqual([['Customer support portal', 'not_impacted']]);
    expect(one).not.toHaveProperty('additional_fields');
  });

  it('lists the business services an incident impacts', async () => {
    const checkout = await impacts(`/incidents/${h.seed.ids.incidents[0]}/business_services/impacts`);
    expect(checkout.services.map((s) => [s.id, s.status])).toEqual([[businessService('Online store'), 'impacted']]);
    const resolved = await impacts(`/incidents/${h.seed.ids.incidents[2]}/business_services/impacts`);
    expect(resolved.services).toEqual([]);
    const unknown = await h.call('GET', '/incidents/PNOPE00/business_services/impacts');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.code).toBe(2001);
  });

  it('answers supporting business services (none: technical services support the seeded ones)', async () => {
    const supporting = await impacts(`/business_services/${businessService('Online store')}/supporting_services/impacts`);
    expect(supporting.services).toEqual([]);
    const unknown = await h.call('GET', '/business_services/PNOPE00/supporting_services/impacts');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.code).toBe(2001);
  });
});
