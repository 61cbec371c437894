import { Router } from 'express';
import type { EmulatorContext } from '../context';
import { parseBody } from '../http/body';
import { invalidInput, notFound } from '../http/errors';
import { actingUser } from '../http/from';
import { pageBody, paginate, parsePageRequest } from '../http/pagination';
import { dateParam } from '../http/query';
import { filterIncidents, INCIDENT_INCLUDES, parseIncludes } from './listing';
import { bulkUpdateIncidentsBody, createIncidentBody, createNoteBody, mergeIncidentsBody, snoozeIncidentBody, updateIncidentBody } from './schemas';

/** `/incidents`, its notes, merge and log entries, and `/log_entries`. */
export function incidentsRouter(ctx: EmulatorContext): Router {
  const router = Router();
  const { renderer, incidents } = ctx;

  router.get('/incidents', (req, res) => {
    const page = parsePageRequest(req.query);
    const include = parseIncludes(req.query, INCIDENT_INCLUDES);
    const all = filterIncidents(ctx.store, req.query);
    res.json(pageBody('incidents', paginate(all, page), (incident) => renderer.incident(incident, include)));
  });

  router.post('/incidents', (req, res) => {
    const actor = actingUser(req, res, ctx.store);
    const { incident: input } = parseBody(createIncidentBody, req.body);
    const incident = incidents.create(input, actor, 'api');
    res.status(201).json({ incident: renderer.incident(incident, new Set(), true) });
  });

  router.put('/incidents', (req, res) => {
    const actor = actingUser(req, res, ctx.store);
    const { incidents: changes } = parseBody(bulkUpdateIncidentsBody, req.body);
    // Check every Id first: a bulk update naming an unknown incident changes nothing (400, as
    // the document lists no 404 for this operation).
    const updates = changes.map((change) => {
      const target = ctx.store.incidents.get(change.id);
      if (!target) throw invalidInput(`Incident ${change.id} not found.`);
      return { target, change };
    });
    const updated = updates.map(({ target, change: { id: _id, type: _type, ...rest } }) => incidents.update(target, rest, actor, 'api'));
    res.json({ incidents: updated.map((incident) => renderer.incident(incident)) });
  });

  router.get('/incidents/:id', (req, res) => {
    const include = parseIncludes(req.query, INCIDENT_INCLUDES);
    // As PagerDuty documents "Get an incident": it accepts an incident id or an incident number.
    const byNumber = /^\d+$/.test(req.params.id) ? [...ctx.store.incidents.values()].find((incident) => incident.number === Number(req.params.id)) : undefined;
    res.json({ incident: renderer.incident(byNumber ?? incidents.get(req.params.id), include, true) });
  });

  router.put('/incidents/:id', (req, res) => {
    const incident = incidents.get(req.params.id);
    const actor = actingUser(req, res, ctx.store);
    const { incident: changes } = parseBody(updateIncidentBody, req.body);
    const { type: _type, ...rest } = changes;
    incidents.update(incident, rest, actor, 'api');
    res.json({ incident: renderer.incident(incident) });
  });

  router.post('/incidents/:id/snooze', (req, res) => {
    const incident = incidents.get(req.params.id);
    const actor = actingUser(req, res, ctx.store);
    const { duration } = parseBody(snoozeIncidentBody, req.body);
    incidents.snooze(incident, duration, actor, 'api');
    res.status(201).json({ incident: renderer.incident(incident) });
  });

  router.get('/incidents/:id/notes', (req, res) => {
    const incident = incidents.get(req.params.id);
    res.json({ notes: ctx.store.notesOf(incident.id).map((note) => renderer.note(note)) });
  });

  router.post('/incidents/:id/notes', (req, res) => {
    const incident = incidents.get(req.params.id);
    const actor = actingUser(req, res, ctx.store);
    const { note: input } = parseBody(createNoteBody, req.body);
    const note = incidents.addNote(incident, input.content, actor, 'api');
    // openapiv3.json and the issue agree: creating a note answers 200, not 201.
    res.status(200).json({ note: renderer.note(note) });
  });

  router.put('/incidents/:id/merge', (req, res) => {
    const target = incidents.get(req.params.id);
    const actor = actingUser(req, res, ctx.store);
    const { source_incidents: sources } = parseBody(mergeIncidentsBody, req.body);
    incidents.merge(
      target,
      sources.map((source) => source.id),
      actor,
      'api',
    );
    // openapiv3.json answers a merge with a reference to the target, not the full incident.
    res.json({ incident: renderer.incidentRef(target) });
  });

  router.get('/incidents/:id/log_entries', (req, res) => {
    const incident = incidents.get(req.params.id);
    const page = parsePageRequest(req.query);
    const entries = withinWindow(ctx.store.logEntriesOf(incident.id), req.query).reverse();
    res.json(pageBody('log_entries', paginate(entries, page), (entry) => renderer.logEntry(entry)));
  });

  router.get('/log_entries', (req, res) => {
    const page = parsePageRequest(req.query);
    const entries = withinWindow(ctx.store.logEntries, req.query).reverse();
    res.json(pageBody('log_entries', paginate(entries, page), (entry) => renderer.logEntry(entry)));
  });

  router.get('/log_entries/:id', (req, res) => {
    const entry = ctx.store.logEntry(req.params.id);
    if (!entry) throw notFound();
    res.json({ log_entry: renderer.logEntry(entry) });
  });

  return router;
}

/** Log entries newest first, within since/until (on created_at). */
function withinWindow<T extends { createdAt: string }>(entries: T[], query: Parameters<typeof dateParam>[0]): T[] {
  const since = dateParam(query, 'since');
  const until = dateParam(query, 'until');
  return entries.filter((entry) => {
    const at = Date.parse(entry.createdAt);
    return (since === undefined || at >= since) && (until === undefined || at < until);
  });
}
