import { Router } from 'express';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { parseBody } from '../http/body';
import { invalidInput } from '../http/errors';
import { optionalActingUser } from '../http/from';
import { pageBody, paginate, parsePageRequest } from '../http/pagination';
import { arrayParam, stringParam } from '../http/query';

const createInstanceBody = z
  .object({
    incident_workflow_instance: z
      .object({
        id: z.string().optional(),
        type: z.literal('incident_workflow_instance').optional(),
        incident: z.object({ id: z.string().min(1), type: z.enum(['incident_reference', 'incident']).optional() }).strict(),
      })
      .strict(),
  })
  .strict();

/** `GET /incident_workflows[/{id}]` and `POST /incident_workflows/{id}/instances`. */
export function workflowsRouter(ctx: EmulatorContext): Router {
  const router = Router();
  const { workflows, workflowRenderer: render } = ctx;

  router.get('/incident_workflows', (req, res) => {
    const page = parsePageRequest(req.query);
    const query = stringParam(req.query, 'query')?.toLowerCase();
    const withSteps = arrayParam(req.query, 'include').includes('steps');
    const all = [...ctx.store.incidentWorkflows.values()].filter((workflow) => !query || workflow.name.toLowerCase().includes(query));
    res.json(pageBody('incident_workflows', paginate(all, page), (workflow) => render.workflow(workflow, withSteps)));
  });

  router.get('/incident_workflows/:id', (req, res) => {
    res.json({ incident_workflow: render.workflow(workflows.get(req.params.id), true) });
  });

  router.post('/incident_workflows/:id/instances', (req, res) => {
    const workflow = workflows.get(req.params.id);
    const actor = optionalActingUser(req, res, ctx.store);
    const { incident_workflow_instance: input } = parseBody(createInstanceBody, req.body);
    const incident = ctx.store.incidents.get(input.incident.id);
    if (!incident) throw invalidInput(`Incident ${input.incident.id} not found.`);
    const instance = workflows.start(workflow, incident, actor, 'api');
    res.status(201).json({ incident_workflow_instance: render.instance(instance, incident) });
  });

  return router;
}
