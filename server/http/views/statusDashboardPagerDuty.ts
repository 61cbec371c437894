import type { PagerDutyClient } from '../../vendors/pagerduty/client';

/** An open incident as PagerDuty lists it (the fields the dashboard reads). */
export interface OpenIncident {
  id: string;
  incident_number: number;
  title: string;
  html_url?: string;
  status: 'triggered' | 'acknowledged';
  created_at: string;
  service: { id: string; summary?: string };
  priority?: { id: string; summary?: string; name?: string } | null;
}

export interface BusinessServiceImpact {
  id: string;
  name: string;
  status: string;
  additional_fields?: { highest_impacting_priority?: { id: string; order: number } | null };
}

/** What the dashboard reads of PagerDuty in one go. */
export interface DashboardPagerDutyData {
  openIncidents: OpenIncident[];
  /** The account's priorities in PagerDuty's list order: most severe first. */
  priorities: { id: string; name: string }[];
  impacts: BusinessServiceImpact[];
}

/** Pages of 100; an account with more than 1,000 ongoing incidents shows its first thousand. */
const PAGE = 100;
const MAX_PAGES = 10;

/**
 * The dashboard's PagerDuty reads, shared by every viewer for a few seconds. Each open dashboard
 * refreshes when the engine announces a change, so without sharing, N viewers would make N times
 * three calls per change against the account's rate limit (which the sync engine needs too);
 * with it, the viewers of one moment share one set of calls, in flight or just answered.
 * `invalidate` is called when an incident event arrives, so a refresh after it sees the change.
 */
export class DashboardPagerDutyReads {
  #cached: { at: number; data: Promise<DashboardPagerDutyData> } | undefined;

  constructor(
    private readonly client: () => Promise<PagerDutyClient>,
    private readonly maxAgeMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  read(): Promise<DashboardPagerDutyData> {
    const at = this.now();
    if (!this.#cached || at - this.#cached.at > this.maxAgeMs) {
      const cached = { at, data: this.#fetch() };
      this.#cached = cached;
      // A failure is not kept: the next viewer asks again.
      cached.data.catch(() => {
        if (this.#cached === cached) this.#cached = undefined;
      });
    }
    return this.#cached.data;
  }

  invalidate(): void {
    this.#cached = undefined;
  }

  async #fetch(): Promise<DashboardPagerDutyData> {
    const client = await this.client();
    const [openIncidents, priorities, impacts] = await Promise.all([
      this.#openIncidents(client),
      client.request<{ priorities: { id: string; name: string }[] }>('GET', '/priorities', { query: { limit: 100 } }),
      client.request<{ services: BusinessServiceImpact[] }>('GET', '/business_services/impacts', {
        query: { additional_fields: ['services.highest_impacting_priority'] },
      }),
    ]);
    return {
      openIncidents,
      priorities: priorities.body.priorities.map(({ id, name }) => ({ id, name })),
      impacts: impacts.body.services,
    };
  }

  async #openIncidents(client: PagerDutyClient): Promise<OpenIncident[]> {
    const incidents: OpenIncident[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const { body } = await client.request<{ incidents: OpenIncident[]; more?: boolean }>('GET', '/incidents', {
        query: { statuses: ['triggered', 'acknowledged'], limit: PAGE, offset: page * PAGE, sort_by: 'created_at:asc' },
      });
      incidents.push(...body.incidents);
      if (!body.more) break;
    }
    return incidents;
  }
}
