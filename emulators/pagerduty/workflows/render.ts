import { createHash } from 'node:crypto';
import type { Incident, IncidentWorkflow, IncidentWorkflowInstance } from '../model';
import type { Renderer } from '../render';

/**
 * The Id of a workflow's manual trigger (a UUID, as PagerDuty's workflow triggers have): derived
 * from the workflow's Id so it is the same after every reset.
 */
export function manualTriggerId(workflow: IncidentWorkflow): string {
  const hex = createHash('sha1').update(`manual-trigger:${workflow.id}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Incident workflows and their instances as PagerDuty's JSON (REST and the `incident_workflow_instance` webhook). */
export class WorkflowRenderer {
  readonly #renderer: Renderer;

  constructor(renderer: Renderer) {
    this.#renderer = renderer;
  }

  workflow(workflow: IncidentWorkflow, withSteps: boolean) {
    const links = this.#renderer.links;
    return {
      id: workflow.id,
      type: 'incident_workflow',
      summary: workflow.name,
      self: links.api('incident_workflows', workflow.id),
      html_url: links.html('incident_workflows', workflow.id),
      name: workflow.name,
      description: workflow.description,
      created_at: workflow.createdAt,
      ...(workflow.teamId ? { team: { id: workflow.teamId, type: 'team_reference' } } : {}),
      is_enabled: workflow.enabled,
      ...(withSteps
        ? {
            steps: workflow.steps.map((step) => ({
              id: step.id,
              type: 'step',
              name: step.name,
              description: step.description,
              action_configuration: { action_id: step.actionId, description: step.description, inputs: [] },
            })),
          }
        : {}),
    };
  }

  instance(instance: IncidentWorkflowInstance, incident: Incident) {
    return {
      id: instance.id,
      type: 'incident_workflow_instance',
      incident: {
        id: incident.id,
        type: 'incident_reference',
        summary: incident.title,
        self: this.#renderer.links.api('incidents', incident.id),
        html_url: this.#renderer.links.html('incidents', incident.id),
      },
    };
  }

  workflowRef(workflow: IncidentWorkflow) {
    return {
      id: workflow.id,
      type: 'incident_workflow_reference',
      summary: workflow.name,
      self: this.#renderer.links.api('incident_workflows', workflow.id),
      html_url: this.#renderer.links.html('incident_workflows', workflow.id),
    };
  }

  /** `data` of `incident.workflow.started` / `incident.workflow.completed` (the incident_workflow_instance example). */
  webhookInstance(instance: IncidentWorkflowInstance, workflow: IncidentWorkflow, incident: Incident) {
    const triggerId = manualTriggerId(workflow);
    return {
      id: instance.id,
      type: 'incident_workflow_instance',
      summary: `${workflow.name} on #${incident.number}`,
      incident_workflow: this.workflowRef(workflow),
      workflow_trigger: {
        html_url: null,
        id: triggerId,
        self: this.#renderer.links.api('incident_workflows/triggers', triggerId),
        summary: 'Manual trigger',
        type: 'workflow_trigger_reference',
      },
      incident: this.#renderer.incidentRef(incident),
      service: this.#renderer.serviceRef(incident.serviceId),
    };
  }
}
