/**
 * The console at `/`: incidents with their state, and buttons to act as a responder (through
 * `POST /__emulator/act`), so a person can try the PagerDuty → product round trip in a browser.
 * Plain HTML and a little script; styled with the SLDS stylesheet served under /assets/slds.
 */
export function consolePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>PagerDuty emulator</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/slds/styles/salesforce-lightning-design-system.min.css">
<style>
  body { padding: 1rem; background: #f3f3f3; }
  .status-triggered { background: #c23934; color: #fff; }
  .status-acknowledged { background: #ffb75d; color: #080707; }
  .status-resolved { background: #04844b; color: #fff; }
  td { vertical-align: top; }
  .actions > * { margin: 0 .25rem .25rem 0; }
</style>
</head>
<body>
<div class="slds-page-header slds-m-bottom_medium">
  <div class="slds-page-header__row">
    <div class="slds-page-header__col-title">
      <h1 class="slds-page-header__title">PagerDuty emulator · incidents</h1>
      <p class="slds-page-header__meta-text">Act as a responder; every change is delivered to webhook subscriptions.</p>
    </div>
    <div class="slds-page-header__col-actions">
      <label class="slds-form-element__label" for="actor">Act as</label>
      <select id="actor" class="slds-select" style="width:16rem"></select>
    </div>
  </div>
</div>
<div id="message" role="status" class="slds-m-bottom_small"></div>
<table class="slds-table slds-table_cell-buffer slds-table_bordered" aria-label="Incidents">
  <thead><tr><th>#</th><th>Title</th><th>Service</th><th>Status</th><th>Priority</th><th>Assigned to</th><th>Actions</th></tr></thead>
  <tbody id="incidents"></tbody>
</table>
<script type="module">
const state = { users: [], priorities: [] };
const $ = (id) => document.getElementById(id);
const text = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

async function load() {
  const response = await fetch('/__emulator/console/state');
  const data = await response.json();
  state.users = data.users;
  state.priorities = data.priorities;
  const actor = $('actor');
  if (actor.options.length === 0) {
    actor.innerHTML = data.users.map((u) => '<option value="' + text(u.email) + '">' + text(u.name) + ' (' + text(u.email) + ')</option>').join('');
  }
  $('incidents').innerHTML = data.incidents.map(row).join('');
}

function row(incident) {
  const userOptions = state.users.map((u) => '<option value="' + text(u.email) + '">' + text(u.name) + '</option>').join('');
  const priorityOptions = state.priorities.map((p) => '<option value="' + text(p.id) + '">' + text(p.name) + '</option>').join('');
  const open = incident.status !== 'resolved';
  return '<tr data-incident-id="' + text(incident.id) + '">' +
    '<td>' + incident.incident_number + '</td>' +
    '<td>' + text(incident.title) + '</td>' +
    '<td>' + text(incident.service.summary) + '</td>' +
    '<td><span class="slds-badge status-' + incident.status + '" data-testid="status">' + incident.status + '</span></td>' +
    '<td>' + text(incident.priority ? incident.priority.summary : '') + '</td>' +
    '<td>' + text(incident.assignments.map((a) => a.assignee.summary).join(', ')) + '</td>' +
    '<td class="actions">' +
      (incident.status === 'triggered' ? '<button class="slds-button slds-button_brand" data-action="acknowledge">Acknowledge</button>' : '') +
      (open ? '<button class="slds-button slds-button_success" data-action="resolve">Resolve</button>' : '<button class="slds-button slds-button_neutral" data-action="reopen">Reopen</button>') +
      (open ? '<span><select class="slds-select" style="width:10rem" data-field="to" aria-label="Reassign to">' + userOptions + '</select><button class="slds-button slds-button_neutral" data-action="reassign">Reassign</button></span>' : '') +
      '<span><select class="slds-select" style="width:6rem" data-field="priority" aria-label="Priority">' + priorityOptions + '</select><button class="slds-button slds-button_neutral" data-action="priority">Set priority</button></span>' +
      '<span><input class="slds-input" style="width:12rem" data-field="content" aria-label="Note" placeholder="Note"><button class="slds-button slds-button_neutral" data-action="note">Add note</button></span>' +
    '</td></tr>';
}

$('incidents').addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const tr = button.closest('tr');
  const action = button.dataset.action;
  const body = { as: $('actor').value, incident_id: tr.dataset.incidentId, action };
  if (action === 'reassign') body.to = [tr.querySelector('[data-field=to]').value];
  if (action === 'priority') body.priority = tr.querySelector('[data-field=priority]').value;
  if (action === 'note') body.content = tr.querySelector('[data-field=content]').value;
  const response = await fetch('/__emulator/act', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const result = await response.json();
  $('message').textContent = response.ok ? action + ' done' : 'Failed: ' + result.error.message + ' ' + (result.error.errors || []).join(' ');
  $('message').className = 'slds-m-bottom_small slds-text-color_' + (response.ok ? 'success' : 'error');
  await load();
});

load();
setInterval(load, 5000);
</script>
</body>
</html>`;
}
