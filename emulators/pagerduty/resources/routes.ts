import { Router } from 'express';
import type { EmulatorContext } from '../context';
import { callerOf } from '../http/auth';
import { missingAbility, notFound, PdError } from '../http/errors';
import { pageBody, paginate, parsePageRequest } from '../http/pagination';
import { arrayParam, stringParam } from '../http/query';
import { ACCOUNT_ABILITIES } from '../model';

/** Read endpoints of the account's directory: users, teams, services, escalation policies, priorities, abilities. */
export function resourcesRouter(ctx: EmulatorContext): Router {
  const router = Router();
  const { renderer } = ctx;
  const matchesQuery = (query: string | undefined, ...fields: string[]): boolean =>
    query === undefined || fields.some((field) => field.toLowerCase().includes(query.toLowerCase()));

  router.get('/users', (req, res) => {
    const page = parsePageRequest(req.query);
    const query = stringParam(req.query, 'query');
    const teamIds = arrayParam(req.query, 'team_ids');
    const users = [...ctx.store.users.values()].filter(
      (user) => matchesQuery(query, user.name, user.email) && (teamIds.length === 0 || user.teamIds.some((id) => teamIds.includes(id))),
    );
    res.json(pageBody('users', paginate(users, page), (user) => renderer.user(user)));
  });

  // Before `/users/:id`, so "me" is not read as an Id.
  router.get('/users/me', (_req, res) => {
    const caller = callerOf(res);
    if (!caller.user) {
      throw new PdError(
        400,
        2001,
        "Because this request was made using an account-level access token, we were unable to determine the user's identity. Please use a user-level token.",
      );
    }
    res.json({ user: renderer.user(caller.user) });
  });

  router.get('/users/:id', (req, res) => {
    const user = ctx.store.users.get(req.params.id);
    if (!user) throw notFound();
    res.json({ user: renderer.user(user) });
  });

  router.get('/teams', (req, res) => {
    const page = parsePageRequest(req.query);
    const query = stringParam(req.query, 'query');
    const teams = [...ctx.store.teams.values()].filter((team) => matchesQuery(query, team.name));
    res.json(pageBody('teams', paginate(teams, page), (team) => renderer.team(team)));
  });

  router.get('/teams/:id', (req, res) => {
    const team = ctx.store.teams.get(req.params.id);
    if (!team) throw notFound();
    res.json({ team: renderer.team(team) });
  });

  router.get('/services', (req, res) => {
    const page = parsePageRequest(req.query);
    const query = stringParam(req.query, 'query');
    const name = stringParam(req.query, 'name');
    const teamIds = arrayParam(req.query, 'team_ids');
    const services = [...ctx.store.services.values()]
      .filter(
        (service) =>
          matchesQuery(query, service.name) &&
          (name === undefined || service.name === name) &&
          (teamIds.length === 0 || service.teamIds.some((id) => teamIds.includes(id))),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    res.json(pageBody('services', paginate(services, page), (service) => renderer.service(service)));
  });

  router.get('/services/:id', (req, res) => {
    const service = ctx.store.services.get(req.params.id);
    if (!service) throw notFound();
    res.json({ service: renderer.service(service) });
  });

  router.get('/services/:id/integrations/:integrationId', (req, res) => {
    const integration = ctx.store.integrations.get(req.params.integrationId);
    if (!ctx.store.services.has(req.params.id) || integration?.serviceId !== req.params.id) throw notFound();
    res.json({ integration: renderer.integration(integration) });
  });

  router.get('/escalation_policies', (req, res) => {
    const page = parsePageRequest(req.query);
    const query = stringParam(req.query, 'query');
    const userIds = arrayParam(req.query, 'user_ids');
    const teamIds = arrayParam(req.query, 'team_ids');
    const policies = [...ctx.store.escalationPolicies.values()].filter(
      (policy) =>
        matchesQuery(query, policy.name) &&
        (userIds.length === 0 || policy.rules.some((rule) => rule.targetUserIds.some((id) => userIds.includes(id)))) &&
        (teamIds.length === 0 || policy.teamIds.some((id) => teamIds.includes(id))),
    );
    res.json(pageBody('escalation_policies', paginate(policies, page), (policy) => renderer.escalationPolicy(policy)));
  });

  router.get('/escalation_policies/:id', (req, res) => {
    const policy = ctx.store.escalationPolicies.get(req.params.id);
    if (!policy) throw notFound();
    res.json({ escalation_policy: renderer.escalationPolicy(policy) });
  });

  router.get('/priorities', (req, res) => {
    const page = parsePageRequest(req.query);
    res.json(pageBody('priorities', paginate(ctx.store.orderedPriorities(), page), (p) => renderer.priority(p)));
  });

  router.get('/abilities', (_req, res) => {
    res.json({ abilities: [...ACCOUNT_ABILITIES] });
  });

  /** 204 when the account has the ability, 402 when it does not (PagerDuty's way of answering). */
  router.get('/abilities/:id', (req, res) => {
    if (!(ACCOUNT_ABILITIES as readonly string[]).includes(req.params.id)) throw missingAbility(req.params.id);
    res.status(204).end();
  });

  return router;
}
