import type { AgentTimelineEntry } from '../../../contracts/agent';

/** How many entries an incident's timeline shows: the newest; PagerDuty keeps the rest. */
export const TIMELINE_LIMIT = 100;

/** The fields of a PagerDuty log entry (REST v2 `GET /incidents/{id}/log_entries`) the timeline shows. */
export interface PagerDutyLogEntry {
  id: string;
  type: string;
  summary?: string | null;
  created_at: string;
  agent?: { summary?: string | null } | null;
}

/** The fields of a PagerDuty note (`GET /incidents/{id}/notes`) the timeline shows. */
export interface PagerDutyNote {
  id: string;
  content: string;
  created_at: string;
  user?: { summary?: string | null } | null;
}

/** A status update as the engine received it: the `incident.status_update_published` webhook. */
export interface ReceivedStatusUpdate {
  eventId: number;
  message: string;
  at: string;
  by: string | null;
}

/**
 * One incident's timeline, newest first. A note also appears in the log as an
 * `annotate_log_entry` whose summary does not carry the text: the note itself stands in its
 * place (the newest annotation for the newest note, and so on), so it keeps the log's order
 * even where PagerDuty's whole-second times tie. PagerDuty has no endpoint that lists status
 * updates, so they come from the webhooks received.
 */
export function incidentTimeline(
  logEntries: readonly PagerDutyLogEntry[],
  notes: readonly PagerDutyNote[],
  statusUpdates: readonly ReceivedStatusUpdate[],
): AgentTimelineEntry[] {
  // PagerDuty lists notes oldest first, log entries newest first.
  const notesNewestFirst = [...notes].reverse();
  let annotations = 0;
  const fromLog: AgentTimelineEntry[] = [];
  for (const entry of logEntries) {
    if (entry.type !== 'annotate_log_entry') fromLog.push(logEntryOf(entry));
    else {
      const note = notesNewestFirst[annotations];
      annotations += 1;
      if (note) fromLog.push(noteOf(note));
    }
  }
  const entries: AgentTimelineEntry[] = [
    ...fromLog,
    // Notes older than the log entries read (or whose annotation PagerDuty did not list).
    ...notesNewestFirst.slice(annotations).map(noteOf),
    ...statusUpdates.map((update): AgentTimelineEntry => ({
      id: `status_update:${update.eventId}`,
      kind: 'status_update',
      type: null,
      at: update.at,
      text: update.message,
      by: update.by,
    })),
  ];
  // Newest first. PagerDuty's times are whole seconds, so several entries may share one: the sort
  // is stable and each source is already newest first (the log with its notes in place; status
  // updates come from the inbox newest first), which keeps their own order among equal times.
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, TIMELINE_LIMIT);
}

function logEntryOf(entry: PagerDutyLogEntry): AgentTimelineEntry {
  return {
    id: `log_entry:${entry.id}`,
    kind: 'log_entry',
    type: entry.type,
    at: entry.created_at,
    text: entry.summary ?? entry.type.replace(/_log_entry$/, '').replaceAll('_', ' '),
    by: entry.agent?.summary ?? null,
  };
}

function noteOf(note: PagerDutyNote): AgentTimelineEntry {
  return { id: `note:${note.id}`, kind: 'note', type: null, at: note.created_at, text: note.content, by: note.user?.summary ?? null };
}
