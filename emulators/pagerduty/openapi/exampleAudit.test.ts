import { describe, expect, it } from 'vitest';
import { auditExamples } from './exampleAudit';
import type { ExampleFailure } from './exampleAudit';
import { knownExampleFailures } from './knownExampleFailures';
import { oraclesPresent } from '../testing/oracles';

const oracles = oraclesPresent("the audit of the OpenAPI document's examples");

const officialFailures = oracles ? auditExamples({ corrections: [] }) : [];
const remainingFailures = oracles ? auditExamples() : [];

const failing = (failures: ExampleFailure[], example: string) => failures.find((failure) => failure.example === example);

describe.runIf(oracles)("the document's examples against its own schemas", () => {
  it('fail on the official document where the overlay corrects it', () => {
    const createIncidentResponse = '#/paths/~1incidents/post/responses/201/content/application~1json/examples/response/value';
    const createIncidentRequest = '#/paths/~1incidents/post/requestBody/content/application~1json/examples/request/value';
    expect(failing(officialFailures, createIncidentResponse)?.errors).toEqual(['example /incident/resolved_at must be string']);
    expect(failing(officialFailures, createIncidentRequest)?.errors).toEqual(['example /incident/body/details must be object']);
    expect(failing(remainingFailures, createIncidentResponse)).toBeUndefined();
    expect(failing(remainingFailures, createIncidentRequest)).toBeUndefined();
  });

  it('pass for the incident, log entry and service operations the emulator serves', () => {
    const served =
      /^#\/paths\/~1(incidents(~1\{id\})?(~1(notes|log_entries|merge))?|log_entries(~1\{id\})?|services(~1\{id\})?|users(~1\{id\})?|escalation_policies(~1\{id\})?|priorities|teams(~1\{id\})?|abilities(~1\{id\})?|webhook_subscriptions(~1\{id\})?)\/(get|post|put|delete)\/responses\//;
    const servedFailures = remainingFailures.filter((failure) => served.test(failure.example)).map((failure) => failure.example);
    // GET /services carries the deprecated alert_grouping_parameters, judged in knownExampleFailures.
    expect(servedFailures).toEqual(['#/paths/~1services/get/responses/200/content/application~1json/examples/response/value']);
  });

  it('fail after the overlay only where knownExampleFailures judges them, each exactly once', () => {
    const unjudged = remainingFailures.filter((failure) => knownExampleFailures.filter((known) => known.examples.test(failure.example)).length !== 1);
    expect(unjudged.map((failure) => `${failure.example}: ${failure.errors.join('; ')}`)).toEqual([]);
  });

  it('has no stale judgement: every entry of knownExampleFailures still matches a failing example', () => {
    const stale = knownExampleFailures.filter((known) => !remainingFailures.some((failure) => known.examples.test(failure.example)));
    expect(stale.map((known) => String(known.examples))).toEqual([]);
  });

  it('improve with the overlay and never get worse', () => {
    const officialExamples = new Set(officialFailures.map((failure) => `${failure.example} ${failure.schema}`));
    expect(remainingFailures.every((failure) => officialExamples.has(`${failure.example} ${failure.schema}`))).toBe(true);
    expect(remainingFailures.length).toBeLessThan(officialFailures.length);
  });
});
