/**
 * `npm run bench:latency`: how long one change takes through an idle pipeline, both ways.
 *
 * - Case saved → incident created: a seeded agent creates one High-priority Case through the
 *   Salesforce REST API; CDC carries it to the app, whose rule creates an incident. Latency =
 *   the engine's `create_incident` job done (the link committed) − the Case's request sent.
 * - PagerDuty acknowledgement → Case updated: a responder acknowledges that incident in the
 *   PagerDuty emulator (its control API acts as a person in the web app); the signed webhook
 *   reaches the app, whose rule sets a Case field. Latency = the `set_case_fields` job done (the
 *   Salesforce write answered) − the acknowledgement's request sent.
 *
 * Floors, sampled interleaved with the pipeline in the same run (so a noisy moment on a shared
 * machine hits both): the single vendor request each path must make, sent by a tight client in
 * this process to an emulator process of its own (so nothing of the app's competes with it): one
 * `POST /incidents` for the first path, one Case update (`PATCH sobjects/Case/{id}`) for the
 * second. Goal: p50 ≤ floor p50 + 25 ms for each.
 *
 * Process layout as in pipeline.bench.ts: emulators in processes of their own, the app in this
 * one (SQLite in a temporary DATA_DIR). Each sample starts once the previous one and the
 * webhooks it caused have been handled (a pause of BENCH_LATENCY_PAUSE_MS, default 150): the
 * pipeline is idle when the change arrives. BENCH_LATENCY_SAMPLES (default 200) sizes it. Writes
 * bench/results/latency.json and prints a table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsforce from '@jsforce/jsforce-node';
import type { Ruleset } from '../rules';
import type { SeedInfo as PagerDutySeed } from '../emulators/pagerduty';
import type { SeedInfo as SalesforceSeed } from '../emulators/salesforce';
import { DEFAULT_SALESFORCE_API_VERSION } from '../server/store/connections';
import { RulesetStore } from '../server/store/rulesets';
import { SYNC_TABLES } from '../server/store/tables';
import type { RunningApp } from '../server/start';
import { eventually } from '../server/testing/eventually';
import { startEmulatorProcess, Teardown } from './support/emulatorProcess';
import { jobsDoneByCase, pageHighPriorityRule, percentile, provisionWebhooks, round, rssMb, startAppAgainst } from './support/benchApp';

const SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 200);
const PAUSE_MS = Number(process.env.BENCH_LATENCY_PAUSE_MS ?? 150);
const GOAL_OVER_FLOOR_MS = 25;
const SAMPLE_TIMEOUT_MS = 30_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(teardown: Teardown): Promise<void> {
  const sf = await startEmulatorProcess('salesforce', ['--seed', 'demo']);
  teardown.add('Salesforce emulator', () => sf.stop());
  const pd = await startEmulatorProcess('pagerduty', ['--seed', 'demo', '--no-rate-limit']);
  teardown.add('PagerDuty emulator', () => pd.stop());
  // The floors' vendors: the same emulators, processes of their own that nothing else talks to.
  const floorSf = await startEmulatorProcess('salesforce', ['--seed', 'demo']);
  teardown.add('floor Salesforce emulator', () => floorSf.stop());
  const floorPd = await startEmulatorProcess('pagerduty', ['--seed', 'demo', '--no-rate-limit']);
  teardown.add('floor PagerDuty emulator', () => floorPd.stop());

  const sfSeed = await sf.control<SalesforceSeed>('/seed');
  const pdSeed = await pd.control<PagerDutySeed>('/seed');
  const floorPdSeed = await floorPd.control<PagerDutySeed>('/seed');
  const floorSfSeed = await floorSf.control<SalesforceSeed>('/seed');
  const agent = sfSeed.users.find((user) => user.role === 'agent')!;
  const responder = Object.keys(pdSeed.keys.byUser).find((email) => email !== pdSeed.integrationUserEmail)!;

  const app = await startAppAgainst(teardown, sf, pd, sfSeed, pdSeed);
  await new RulesetStore(app.ctx.db).save(latencyRuleset(pdSeed.ids.services['Customer Support']!));
  await provisionWebhooks(app.url);
  await eventually(() => app.ctx.salesforceIntake.cdc?.subscribed, 'the CDC subscription', 30_000);
  const rssIdleMb = rssMb();

  const created = jobsDoneByCase(app, 'create_incident');
  const updated = jobsDoneByCase(app, 'set_case_fields');
  const agentSession = await signIn(sf.url, agent);
  const floorAgent = floorSfSeed.users.find((user) => user.role === 'agent')!;
  const floorSession = await signIn(floorSf.url, floorAgent);
  const floorCaseId = await createCase(floorSession, 'floor Case');

  const samples = { caseToIncident: [] as number[], ackToCase: [] as number[], floorPd: [] as number[], floorSf: [] as number[] };
  // The first sample warms up (describe cached, rules compiled, connections open) and is not counted.
  for (let index = -1; index < SAMPLES; index++) {
    const floorPdMs = await timed(() => createIncidentDirectly(floorPd.url, floorPdSeed, index));
    await pause(PAUSE_MS);

    const caseSent = Date.now();
    const caseId = await createCase(agentSession, `latency ${index}`);
    const incidentAt = (await created.waitFor([caseId], SAMPLE_TIMEOUT_MS)).get(caseId)!;
    const incidentId = await linkedIncident(app, caseId);
    // The incident's own webhook (incident.triggered, an echo) is handled before the next change.
    await pause(PAUSE_MS);

    const floorSfMs = await timed(() => updateCase(floorSession, floorCaseId, `floor ${index}`));
    await pause(PAUSE_MS);

    const ackSent = Date.now();
    await pd.control('/act', { body: { as: responder, incident_id: incidentId, action: 'acknowledge' } });
    const caseUpdatedAt = (await updated.waitFor([caseId], SAMPLE_TIMEOUT_MS)).get(caseId)!;
    // The Case update's CDC echo is handled before the next change.
    await pause(PAUSE_MS);

    if (index < 0) continue;
    samples.floorPd.push(floorPdMs);
    samples.caseToIncident.push(incidentAt - caseSent);
    samples.floorSf.push(floorSfMs);
    samples.ackToCase.push(caseUpdatedAt - ackSent);
    if ((index + 1) % 50 === 0) console.log(`${index + 1} of ${SAMPLES} samples`);
  }

  const figures = (values: number[]) => ({ p50_ms: round(percentile(values, 50)), p99_ms: round(percentile(values, 99)) });
  const caseToIncident = figures(samples.caseToIncident);
  const ackToCase = figures(samples.ackToCase);
  const floorPdFigures = figures(samples.floorPd);
  const floorSfFigures = figures(samples.floorSf);
  const result = {
    samples: SAMPLES,
    case_to_incident: {
      ...caseToIncident,
      floor_p50_ms: floorPdFigures.p50_ms,
      floor_p99_ms: floorPdFigures.p99_ms,
      p50_over_floor_ms: round(caseToIncident.p50_ms - floorPdFigures.p50_ms),
      floor: 'one POST /incidents to an idle PagerDuty emulator process of its own',
    },
    ack_to_case: {
      ...ackToCase,
      floor_p50_ms: floorSfFigures.p50_ms,
      floor_p99_ms: floorSfFigures.p99_ms,
      p50_over_floor_ms: round(ackToCase.p50_ms - floorSfFigures.p50_ms),
      floor: 'one PATCH sobjects/Case/{id} to an idle Salesforce emulator process of its own',
    },
    goal: `p50 ≤ floor p50 + ${GOAL_OVER_FLOOR_MS} ms`,
    rss_idle_mb: rssIdleMb,
    rss_after_mb: rssMb(),
    rss_note: 'resident set of the process that runs the app (and this driver); the emulators run in processes of their own',
    pause_between_changes_ms: PAUSE_MS,
    command: `BENCH_LATENCY_SAMPLES=${SAMPLES} npm run bench:latency`,
    machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), shared with other work; load average ${os
      .loadavg()
      .map((load) => round(load, 1))
      .join(' ')} at the end`,
    latency_definition:
      'Case → incident: from sending the Case create to the create_incident job done (link committed); ack → Case: from sending the acknowledgement to the set_case_fields job done (Salesforce answered)',
    node: process.version,
    measured_at: new Date().toISOString(),
  };
  const targets = {
    case_to_incident_p50: result.case_to_incident.p50_over_floor_ms <= GOAL_OVER_FLOOR_MS,
    ack_to_case_p50: result.ack_to_case.p50_over_floor_ms <= GOAL_OVER_FLOOR_MS,
  };
  fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, 'results', 'latency.json'), JSON.stringify({ ...result, targets_met: targets }, null, 2) + '\n');
  console.table({
    'Case → incident': {
      ...caseToIncident,
      floor_p50_ms: floorPdFigures.p50_ms,
      floor_p99_ms: floorPdFigures.p99_ms,
      over_floor_p50_ms: result.case_to_incident.p50_over_floor_ms,
    },
    'ack → Case': {
      ...ackToCase,
      floor_p50_ms: floorSfFigures.p50_ms,
      floor_p99_ms: floorSfFigures.p99_ms,
      over_floor_p50_ms: result.ack_to_case.p50_over_floor_ms,
    },
  });
  console.log(`RSS: ${rssIdleMb} MB idle, ${result.rss_after_mb} MB after`);
  console.log('targets met:', targets);
  console.log(`wrote ${path.join('bench', 'results', 'latency.json')}`);
}

/** Every High Case pages Support; an acknowledgement in PagerDuty writes the Case's Description. */
function latencyRuleset(serviceId: string): Ruleset {
  return {
    id: 'latency',
    name: 'Benchmark: idle latency both ways',
    enabled: true,
    position: 0,
    rules: [
      pageHighPriorityRule(serviceId),
      {
        id: 'ack',
        name: 'Acknowledged → Case updated',
        runOn: { kind: 'incident', events: ['incident.acknowledged'] },
        conditions: [],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'set_case_fields', values: { Description: 'Acknowledged in PagerDuty' } }],
        stopProcessing: false,
      },
    ],
  };
}

interface Session {
  dataUrl: string;
  token: string;
}

async function signIn(loginUrl: string, user: { username: string; password: string; securityToken: string }): Promise<Session> {
  const connection = new jsforce.Connection({ loginUrl, version: DEFAULT_SALESFORCE_API_VERSION });
  await connection.login(user.username, user.password + user.securityToken);
  return { dataUrl: `${connection.instanceUrl}/services/data/v${connection.version}`, token: connection.accessToken! };
}

async function createCase(session: Session, subject: string): Promise<string> {
  const response = await fetch(`${session.dataUrl}/sobjects/Case`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ Subject: subject, Description: 'Latency benchmark Case', Priority: 'High', Origin: 'Web' }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`Creating a Case answered ${response.status}: ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { id: string }).id;
}

async function updateCase(session: Session, caseId: string, description: string): Promise<void> {
  const response = await fetch(`${session.dataUrl}/sobjects/Case/${caseId}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ Description: description }),
  });
  await response.arrayBuffer();
  if (response.status !== 204) throw new Error(`Updating the floor Case answered ${response.status}`);
}

async function createIncidentDirectly(url: string, seed: PagerDutySeed, index: number): Promise<void> {
  const response = await fetch(`${url}/incidents`, {
    method: 'POST',
    headers: {
      Authorization: `Token token=${seed.keys.account}`,
      From: seed.integrationUserEmail,
      'Content-Type': 'application/json',
      Accept: 'application/vnd.pagerduty+json;version=2',
    },
    body: JSON.stringify({
      incident: {
        type: 'incident',
        title: `Floor ${index}`,
        service: { id: seed.ids.services['Customer Support'], type: 'service_reference' },
        incident_key: `floor-${index}`,
        body: { type: 'incident_body', details: 'floor' },
      },
    }),
  });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`Floor request answered ${response.status}`);
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function linkedIncident(app: RunningApp, caseId: string): Promise<string> {
  const row = await app.ctx.db(SYNC_TABLES.links).where({ case_id: caseId }).first<{ incident_id: string } | undefined>('incident_id');
  if (!row) throw new Error(`Case ${caseId} has no linked incident`);
  return row.incident_id;
}

const teardown = new Teardown();
let failure: unknown;
try {
  await main(teardown);
} catch (error) {
  failure = error;
}
const clean = await teardown.run();
if (!teardown.interrupted) {
  if (failure) console.error(failure);
  if (failure || !clean) process.exit(1);
}
