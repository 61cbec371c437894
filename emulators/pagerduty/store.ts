import { IdGenerator } from './ids';
import type {
  ApiKey,
  EscalationPolicy,
  Incident,
  LogEntry,
  Note,
  Priority,
  Service,
  Team,
  User,
  WebhookSubscription,
} from './model';

/**
 * The emulated account's state, in memory. Collections keep insertion order, which is the
 * order PagerDuty lists them in when no `sort_by` applies.
 */
export class PagerDutyStore {
  ids = new IdGenerator();
  users = new Map<string, User>();
  teams = new Map<string, Team>();
  escalationPolicies = new Map<string, EscalationPolicy>();
  services = new Map<string, Service>();
  priorities = new Map<string, Priority>();
  incidents = new Map<string, Incident>();
  notes: Note[] = [];
  logEntries: LogEntry[] = [];
  webhookSubscriptions = new Map<string, WebhookSubscription>();
  apiKeys = new Map<string, ApiKey>();
  nextIncidentNumber = 1;

  /** Empties everything; Ids restart so a re-seed is byte-for-byte identical. */
  clear(): void {
    this.ids = new IdGenerator();
    this.users.clear();
    this.teams.clear();
    this.escalationPolicies.clear();
    this.services.clear();
    this.priorities.clear();
    this.incidents.clear();
    this.notes = [];
    this.logEntries = [];
    this.webhookSubscriptions.clear();
    this.apiKeys.clear();
    this.nextIncidentNumber = 1;
  }

  userByEmail(email: string): User | undefined {
    const wanted = email.trim().toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === wanted) return user;
    return undefined;
  }

  /** Priorities in the account's order, most severe first. */
  orderedPriorities(): Priority[] {
    return [...this.priorities.values()].sort((a, b) => a.order - b.order);
  }

  notesOf(incidentId: string): Note[] {
    return this.notes.filter((note) => note.incidentId === incidentId);
  }

  logEntriesOf(incidentId: string): LogEntry[] {
    return this.logEntries.filter((entry) => entry.incidentId === incidentId);
  }
}
