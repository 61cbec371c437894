import { html } from 'lit';
import { defineTabs } from './registry';
import './connections/connections-tab';
import './summary/summary-tab';
import './object-mappings/object-mappings-tab';
import './rulesets/rulesets-tab';
import './sync-log/sync-log-tab';
import './status-dashboard/status-dashboard-tab';

/**
 * The admin UI's tabs, in display order. Adding a tab is one entry here (and its component):
 * only tabs that work are listed, so a half-built feature never shows.
 */
export const adminTabs = defineTabs([
  { id: 'summary', label: 'SUMMARY', path: '/summary', render: () => html`<pd-summary-tab></pd-summary-tab>` },
  { id: 'object-mappings', label: 'OBJECT MAPPINGS', path: '/object-mappings', render: () => html`<pd-object-mappings-tab></pd-object-mappings-tab>` },
  { id: 'rulesets', label: 'RULESETS', path: '/rulesets', render: () => html`<pd-rulesets-tab></pd-rulesets-tab>` },
  { id: 'connections', label: 'CONNECTIONS', path: '/connections', render: () => html`<pd-connections-tab></pd-connections-tab>` },
  { id: 'sync-log', label: 'SYNC LOG', path: '/sync-log', render: () => html`<pd-sync-log-tab></pd-sync-log-tab>` },
  { id: 'status-dashboard', label: 'STATUS DASHBOARD', path: '/status-dashboard', render: () => html`<pd-status-dashboard-tab></pd-status-dashboard-tab>` },
]);
