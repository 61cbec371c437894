import { Router } from 'express';
import type { EmulatorContext } from '../context';
import { invalidInput, notFound } from '../http/errors';
import { pageBody, paginate, parsePageRequest } from '../http/pagination';
import { arrayParam } from '../http/query';
import type { BusinessService } from '../model';
import { impactingIncidents, impactOf, renderImpact, sortImpacts } from './impacts';

/** "does not return an exhaustive list … up to the limit of 200" (the document, on the impacts reads). */
const IMPACTS_LIMIT = 200;

/** `GET /business_services[/{id}]` and the impacts reads the Status Dashboard uses. */
export function businessServicesRouter(ctx: EmulatorContext): Router {
  const router = Router();
  const links = ctx.renderer.links;

  const render = (service: BusinessService) => ({
    id: service.id,
    type: 'business_service',
    summary: service.name,
    self: links.api('business_services', service.id),
    html_url: links.html('business_services', service.id),
    name: service.name,
    description: service.description,
    point_of_contact: service.pointOfContact,
    team: service.teamId ? { id: service.teamId, type: 'team_reference', self: links.api('teams', service.teamId) } : null,
  });
  const existing = (id: string) => {
    const service = ctx.store.businessServices.get(id);
    if (!service) throw notFound();
    return service;
  };

  router.get('/business_services', (req, res) => {
    const page = parsePageRequest(req.query);
    res.json(pageBody('business_services', paginate([...ctx.store.businessServices.values()], page), render));
  });

  router.get('/business_services/impacts', (req, res) => {
    const ids = arrayParam(req.query, 'ids');
    const fields = arrayParam(req.query, 'additional_fields');
    const services = [...ctx.store.businessServices.values()].filter((service) => ids.length === 0 || ids.includes(service.id));
    const impacts = sortImpacts(services.map((service) => impactOf(ctx.store, service)));
    res.json({
      limit: IMPACTS_LIMIT,
      more: impacts.length > IMPACTS_LIMIT,
      services: impacts.slice(0, IMPACTS_LIMIT).map((impact) => renderImpact(ctx.store, impact, fields.includes('services.highest_impacting_priority'))),
      ...(fields.includes('total_impacted_count') ? { additional_fields: { total_impacted_count: impacts.filter((impact) => impact.impacted).length } } : {}),
    });
  });

  router.get('/business_services/:id', (req, res) => {
    res.json({ business_service: render(existing(req.params.id)) });
  });

  // Business services supported by other business services: the emulated ones are supported by
  // technical services only, so the list is empty for every business service.
  router.get('/business_services/:id/supporting_services/impacts', (req, res) => {
    // The operation documents no 404: an unknown business service is a 400.
    if (!ctx.store.businessServices.has(req.params.id)) throw invalidInput(`Business service ${req.params.id} not found.`);
    res.json({ limit: IMPACTS_LIMIT, more: false, services: [] });
  });

  router.get('/incidents/:id/business_services/impacts', (req, res) => {
    // The operation documents no 404: an unknown incident is a 400.
    const incident = ctx.store.incidents.get(req.params.id);
    if (!incident) throw invalidInput(`Incident ${req.params.id} not found.`);
    const impacted = [...ctx.store.businessServices.values()].filter((service) => impactingIncidents(ctx.store, service).includes(incident));
    res.json({ limit: IMPACTS_LIMIT, next_cursor: null, services: impacted.map((service) => renderImpact(ctx.store, impactOf(ctx.store, service), false)) });
  });

  return router;
}
