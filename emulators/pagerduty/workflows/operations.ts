import type { Clock } from '../../shared/clock';
import { invalidInput, notFound } from '../http/errors';
import type { Incident, IncidentWorkflow, IncidentWorkflowInstance, User } from '../model';
import type { PagerDutyStore } from '../store';
import type { ChangeOrigin, WebhookPublisher } from '../webhooks/publisher';
import type { WorkflowRenderer } from './render';
import { pagerDutyTimestamp } from '../timestamps';

/**
 * Starting incident workflows on incidents. The emulator runs no workflow actions (Slack,
 * status pages, …): an instance starts and completes at once, delivering
 * `incident.workflow.started` then `incident.workflow.completed`, which is what a subscriber sees.
 */
export class WorkflowOperations {
  readonly #store: () => PagerDutyStore;
  readonly #clock: Clock;
  readonly #publisher: WebhookPublisher;
  readonly #render: WorkflowRenderer;

  constructor(store: () => PagerDutyStore, clock: Clock, publisher: WebhookPublisher, render: WorkflowRenderer) {
    this.#store = store;
    this.#clock = clock;
    this.#publisher = publisher;
    this.#render = render;
  }

  get(id: string): IncidentWorkflow {
    const workflow = this.#store().incidentWorkflows.get(id);
    if (!workflow) throw notFound();
    return workflow;
  }

  start(workflow: IncidentWorkflow, incident: Incident, actor: User | null, via: ChangeOrigin['via']): IncidentWorkflowInstance {
    if (!workflow.enabled) throw invalidInput(`Incident workflow ${workflow.name} is disabled.`);
    if (incident.status === 'resolved') throw invalidInput('An incident workflow cannot start on a resolved incident.');
    const store = this.#store();
    const instance: IncidentWorkflowInstance = {
      id: store.ids.next(),
      workflowId: workflow.id,
      incidentId: incident.id,
      startedByUserId: actor?.id ?? null,
      createdAt: pagerDutyTimestamp(this.#clock.date()),
    };
    store.workflowInstances.push(instance);
    const origin: ChangeOrigin = { userId: actor?.id ?? null, via };
    const data = this.#render.webhookInstance(instance, workflow, incident);
    this.#publisher.incidentDetail('incident.workflow.started', incident, origin, data);
    this.#publisher.incidentDetail('incident.workflow.completed', incident, origin, data);
    return instance;
  }
}
