// The PagerDuty emulator's console: plain DOM code, served as it is (no build step). The incident
// list at /, an incident's page at /?incidents={id} and /incidents/{id} (its html_url). Reads /__emulator/console/*,
// acts through POST /__emulator/act as the chosen responder, and polls while the page is open
// (the reads answer 304 while nothing changed) so changes made by the sync engine show up.
const api = '/__emulator/console';
const POLL_MS = 3000;
const $ = (id) => document.getElementById(id);

const state = {
  /** `{ kind: 'list' }` or `{ kind: 'incident', id }`. */
  route: { kind: 'list' },
  filter: 'all',
  /** The last /state answer and its text (to redraw only on a change). */
  data: undefined,
  stateText: undefined,
  /** List rows by incident Id, kept across refreshes so focus and checkboxes stay put. */
  rows: new Map(),
  selected: new Set(),
  /** The open incident as last drawn, and its answer's text. */
  incident: undefined,
  incidentText: undefined,
};

const FILTERS = {
  open: (incident) => incident.status !== 'resolved',
  triggered: (incident) => incident.status === 'triggered',
  acknowledged: (incident) => incident.status === 'acknowledged',
  resolved: (incident) => incident.status === 'resolved',
  all: () => true,
};

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') element.className = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.filter((child) => child !== undefined && child !== null));
  return element;
}

async function get(path) {
  const response = await fetch(api + path);
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw Object.assign(new Error(body?.error?.message ?? `Request failed with status ${response.status}`), { status: response.status });
  return { body, text };
}

let messageTimer;
function say(text, { problem = false } = {}) {
  const [shown, other] = problem ? [$('problem'), $('message')] : [$('message'), $('problem')];
  other.textContent = '';
  shown.textContent = text;
  clearTimeout(messageTimer);
  messageTimer = setTimeout(() => (shown.textContent = ''), problem ? 10000 : 5000);
}

function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

function statusBadge(status) {
  return el('span', { className: `status status-${status}`, dataset: { testid: 'status' } }, status);
}

function priorityBadge(priority) {
  if (!priority) return el('span', { className: 'no-priority' }, '—');
  const rank = state.data?.priorities.findIndex((candidate) => candidate.id === priority.id) ?? -1;
  return el('span', { className: 'priority', dataset: { rank: String(rank) }, title: priority.name }, priority.name);
}

function urgencyLabel(urgency, { long = false } = {}) {
  return el('span', { className: `urgency urgency-${urgency}` }, long ? `${urgency} urgency` : urgency);
}

function flash(element) {
  element.classList.remove('changed');
  void element.offsetWidth;
  element.classList.add('changed');
}

// ---- Acting as a responder ---------------------------------------------------------------------

function fillActors(users) {
  const actor = $('actor');
  if (actor.options.length > 0) return;
  actor.replaceChildren(...users.map((user) => el('option', { value: user.email }, `${user.name} (${user.email})`)));
  const remembered = localStorage.getItem('pd-console-actor');
  if (users.some((user) => user.email === remembered)) actor.value = remembered;
}

$('actor').addEventListener('change', () => localStorage.setItem('pd-console-actor', $('actor').value));

/** One responder action through the control API; answers whether it worked. */
async function act(incidentId, action, extra = {}) {
  const response = await fetch('/__emulator/act', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: $('actor').value, incident_id: incidentId, action, ...extra }),
  });
  if (response.ok) return true;
  const result = await response.json().catch(() => ({}));
  const reasons = [result.error?.message, ...(result.error?.errors ?? [])].filter(Boolean).join(' ');
  say(`Could not ${action}: ${reasons || `HTTP ${response.status}`}`, { problem: true });
  return false;
}

const DONE = {
  acknowledge: 'acknowledged',
  resolve: 'resolved',
  reopen: 'reopened',
  priority: 'reprioritized',
  reassign: 'reassigned',
  note: 'noted',
  add_responders: 'has a new responder request',
  accept_responder: 'joined',
  decline_responder: 'declined',
  status_update: 'has a new status update',
};

// ---- Routing -----------------------------------------------------------------------------------

function routeOf(url) {
  const parsed = new URL(url, location.origin);
  // `/incidents/{id}` is an incident's html_url; `/?incidents={id}` the console's own links.
  const inPath = /^\/incidents\/([^/]+)$/.exec(parsed.pathname);
  const id = inPath ? decodeURIComponent(inPath[1]) : parsed.searchParams.get('incidents');
  return id ? { kind: 'incident', id } : { kind: 'list' };
}

async function go(route) {
  const href = route.kind === 'incident' ? `/?incidents=${encodeURIComponent(route.id)}` : '/';
  if (location.pathname + location.search !== href && routeOf(location.href).id !== route.id) history.pushState(null, '', href);
  await show(route);
}

window.addEventListener('popstate', () => void show(routeOf(location.href)));

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-route]');
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  void go(routeOf(link.href));
});

async function show(route) {
  state.route = route;
  state.incident = undefined;
  state.incidentText = undefined;
  $('list-view').hidden = route.kind !== 'list';
  $('incident-view').hidden = route.kind !== 'incident';
  if (route.kind === 'incident') {
    await refreshIncident().catch((error) => say(error.message, { problem: true }));
  } else {
    document.title = 'Incidents · PagerDuty emulator';
  }
  window.scrollTo(0, 0);
}

// ---- Incident list -----------------------------------------------------------------------------

function incidentRow(id) {
  const checkbox = el('input', { type: 'checkbox' });
  checkbox.addEventListener('change', () => {
    if (checkbox.checked) state.selected.add(id);
    else state.selected.delete(id);
    updateSelection();
  });
  const cells = Array.from({ length: 8 }, () => el('td'));
  return el('tr', { dataset: { incidentId: id } }, el('td', {}, checkbox), ...cells);
}

function fillRow(row, incident) {
  const [select, number, status, priority, urgency, title, service, assignees, created] = row.children;
  select.firstChild.setAttribute('aria-label', `Select incident #${incident.number}`);
  const signature = JSON.stringify(incident);
  if (row.dataset.signature === signature) return false;
  const changed = row.dataset.signature !== undefined;
  row.dataset.signature = signature;
  number.textContent = String(incident.number);
  status.replaceChildren(statusBadge(incident.status));
  priority.replaceChildren(priorityBadge(incident.priority));
  urgency.replaceChildren(urgencyLabel(incident.urgency));
  title.className = 'title';
  title.replaceChildren(el('a', { href: `/?incidents=${encodeURIComponent(incident.id)}`, dataset: { route: '' } }, incident.title));
  service.textContent = incident.service;
  assignees.textContent = incident.assignees.join(', ') || '—';
  created.textContent = formatTime(incident.created_at);
  created.title = incident.created_at;
  return changed;
}

function renderList({ fromPoll }) {
  const { incidents } = state.data;
  for (const [name, matches] of Object.entries(FILTERS)) {
    document.querySelector(`[data-count="${name}"]`).textContent = `(${incidents.filter(matches).length})`;
  }
  const body = $('incidents');
  const seen = new Set();
  let previous = null;
  for (const incident of incidents) {
    seen.add(incident.id);
    let row = state.rows.get(incident.id);
    const isNew = !row;
    if (!row) {
      row = incidentRow(incident.id);
      state.rows.set(incident.id, row);
    }
    row.dataset.status = incident.status;
    if (fillRow(row, incident) || (isNew && fromPoll)) flash(row);
    // Move a row only when it is out of place: a moved element loses focus.
    const expected = previous ? previous.nextSibling : body.firstChild;
    if (row !== expected) body.insertBefore(row, expected);
    previous = row;
  }
  for (const [id, row] of state.rows) {
    if (seen.has(id)) continue;
    row.remove();
    state.rows.delete(id);
    state.selected.delete(id);
  }
  applyFilter();
}

function applyFilter() {
  const matches = FILTERS[state.filter];
  let shown = 0;
  for (const incident of state.data?.incidents ?? []) {
    const visible = matches(incident);
    state.rows.get(incident.id).hidden = !visible;
    if (visible) shown += 1;
    // What is filtered out is no longer selected: a bulk action touches only what is in view.
    else state.selected.delete(incident.id);
  }
  $('no-incidents').hidden = shown > 0;
  for (const button of document.querySelectorAll('[data-filter]')) button.setAttribute('aria-pressed', String(button.dataset.filter === state.filter));
  updateSelection();
}

function selectedIncidents() {
  return (state.data?.incidents ?? []).filter((incident) => state.selected.has(incident.id));
}

function updateSelection() {
  const selected = selectedIncidents();
  for (const [id, row] of state.rows) {
    const checked = state.selected.has(id);
    row.firstChild.firstChild.checked = checked;
    row.classList.toggle('selected', checked);
  }
  const visibleRows = [...state.rows.values()].filter((row) => !row.hidden);
  const all = $('select-all');
  all.checked = visibleRows.length > 0 && visibleRows.every((row) => state.selected.has(row.dataset.incidentId));
  all.indeterminate = !all.checked && selected.length > 0;
  $('selection-count').textContent = selected.length === 0 ? 'None selected' : `${selected.length} selected`;
  $('bulk-acknowledge').disabled = !selected.some((incident) => incident.status === 'triggered');
  $('bulk-resolve').disabled = !selected.some((incident) => incident.status !== 'resolved');
}

$('select-all').addEventListener('change', () => {
  for (const [id, row] of state.rows) {
    if (row.hidden) continue;
    if ($('select-all').checked) state.selected.add(id);
    else state.selected.delete(id);
  }
  updateSelection();
});

for (const button of document.querySelectorAll('[data-filter]')) {
  button.addEventListener('click', () => {
    state.filter = button.dataset.filter;
    applyFilter();
  });
}

async function bulk(action, applies) {
  const targets = selectedIncidents().filter(applies);
  let done = 0;
  for (const incident of targets) if (await act(incident.id, action)) done += 1;
  state.selected.clear();
  await refreshList();
  if (done > 0) say(`${done} incident${done === 1 ? '' : 's'} ${DONE[action]}`);
}

$('bulk-acknowledge').addEventListener('click', () => void bulk('acknowledge', (incident) => incident.status === 'triggered'));
$('bulk-resolve').addEventListener('click', () => void bulk('resolve', (incident) => incident.status !== 'resolved'));

async function refreshList({ fromPoll = false } = {}) {
  const { body, text } = await get('/state');
  if (text === state.stateText) return;
  state.stateText = text;
  state.data = body;
  fillActors(body.users);
  renderList({ fromPoll });
}

// ---- Incident page -----------------------------------------------------------------------------

/** Sets a select to the incident's current value unless the user has picked another one since. */
function followSelect(select, options, current, previous) {
  const picked = select.value;
  const untouched = previous === undefined || picked === previous;
  select.replaceChildren(...options);
  select.value = untouched ? current : picked;
  if (select.selectedIndex === -1) select.value = current;
}

function renderIncident({ incident, notes, timeline, responders, status_updates: statusUpdates, custom_fields: customFields }, { fromPoll }) {
  const previous = state.incident?.id === incident.id ? state.incident : undefined;
  state.incident = incident;
  document.title = `#${incident.number} ${incident.title} · PagerDuty emulator`;
  $('incident-title').textContent = `#${incident.number} ${incident.title}`;
  $('incident-badges').replaceChildren(statusBadge(incident.status), priorityBadge(incident.priority), urgencyLabel(incident.urgency, { long: true }));
  if (fromPoll && previous && previous.status !== incident.status) flash($('incident-badges'));

  $('act-acknowledge').hidden = incident.status !== 'triggered';
  $('act-resolve').hidden = incident.status === 'resolved';
  $('act-reopen').hidden = incident.status !== 'resolved';
  $('reassign-form').hidden = incident.status === 'resolved';

  // The priority select shows the incident's priority (or "No priority") until the user picks one.
  const priorities = state.data?.priorities ?? [];
  const priorityOptions = [
    ...(incident.priority ? [] : [el('option', { value: '' }, 'No priority')]),
    ...priorities.map((priority) => el('option', { value: priority.id }, priority.name)),
  ];
  followSelect($('priority-select'), priorityOptions, incident.priority?.id ?? '', previous ? (previous.priority?.id ?? '') : undefined);
  updatePriorityButton();

  const users = state.data?.users ?? [];
  const currentAssignee = users.find((user) => incident.assignees.includes(user.name))?.email ?? users[0]?.email ?? '';
  const previousAssignee = previous ? (users.find((user) => previous.assignees.includes(user.name))?.email ?? users[0]?.email ?? '') : undefined;
  followSelect(
    $('reassign-select'),
    users.map((user) => el('option', { value: user.email }, user.name)),
    currentAssignee,
    previousAssignee,
  );

  const details = [
    ['Service', incident.service],
    ['Assigned to', incident.assignees.join(', ') || '—'],
    ['Escalation policy', `${incident.escalation_policy} (level ${incident.escalation_level})`],
    ['Created', formatTime(incident.created_at)],
    ...incident.acknowledgements.map((ack) => ['Acknowledged', `${ack.user}, ${formatTime(ack.at)}`]),
    ...(incident.resolved_at ? [['Resolved', formatTime(incident.resolved_at)]] : []),
    ...(incident.conference_bridge
      ? [
          [
            'Conference bridge',
            el(
              'div',
              {},
              ...(incident.conference_bridge.number ? [el('div', {}, incident.conference_bridge.number)] : []),
              ...(incident.conference_bridge.url
                ? [el('a', { href: incident.conference_bridge.url, target: '_blank', rel: 'noopener' }, incident.conference_bridge.url)]
                : []),
            ),
          ],
        ]
      : []),
    ...(incident.snoozed_until && incident.status === 'acknowledged' ? [['Snoozed until', formatTime(incident.snoozed_until)]] : []),
    ...customFields.map((field) => [
      field.display_name,
      field.value === null ? '—' : Array.isArray(field.value) ? field.value.join(', ') : String(field.value),
    ]),
    ['Incident key', incident.incident_key],
    ...(incident.details ? [['Details', el('pre', {}, incident.details)]] : []),
  ];
  $('incident-details').replaceChildren(...details.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));

  const knownNotes = new Set([...$('notes').children].map((item) => item.dataset.noteId));
  $('notes').replaceChildren(
    ...notes.map((note) => {
      const item = el(
        'li',
        { dataset: { noteId: note.id } },
        el('div', { className: 'note-meta' }, el('strong', {}, note.author), ` · ${formatTime(note.created_at)}`),
        el('p', { className: 'note-content' }, note.content),
      );
      if (fromPoll && !knownNotes.has(note.id)) flash(item);
      return item;
    }),
  );
  $('no-notes').hidden = notes.length > 0;

  // Responders: the person chosen in "Act as" answers their own pending request here.
  const responderTargets = [
    ...users.map((user) => el('option', { value: `user:${user.email}` }, user.name)),
    ...(state.data?.escalation_policies ?? []).map((policy) => el('option', { value: `policy:${policy.id}` }, `${policy.name} (escalation policy)`)),
  ];
  followSelect($('responder-select'), responderTargets, $('responder-select').value || responderTargets[0]?.value || '', undefined);
  $('responder-form').hidden = incident.status === 'resolved';
  $('responders').replaceChildren(
    ...responders.map((responder) =>
      el(
        'li',
        {},
        el(
          'div',
          { className: 'note-meta' },
          el('strong', {}, responder.user),
          ' ',
          el('span', { className: 'responder-state', dataset: { state: responder.state } }, responder.state),
          ` · asked by ${responder.requester}${responder.via ? ` through ${responder.via}` : ''} · ${formatTime(responder.requested_at)}`,
        ),
        el('p', { className: 'note-content' }, responder.message),
        ...(responder.state === 'pending' && responder.email === $('actor').value
          ? [
              el(
                'div',
                { className: 'responder-actions' },
                actionButton('Accept', 'btn btn-primary', 'accept_responder'),
                actionButton('Decline', 'btn', 'decline_responder'),
              ),
            ]
          : []),
      ),
    ),
  );
  $('no-responders').hidden = responders.length > 0;

  $('status-update-form').hidden = incident.status === 'resolved';
  $('status-updates').replaceChildren(
    ...statusUpdates.map((update) =>
      el(
        'li',
        {},
        el('div', { className: 'note-meta' }, el('strong', {}, update.sender), ` · ${formatTime(update.created_at)}`),
        el('p', { className: 'note-content' }, update.message),
      ),
    ),
  );
  $('no-status-updates').hidden = statusUpdates.length > 0;

  $('timeline').replaceChildren(
    ...timeline.map((entry) =>
      el(
        'li',
        { dataset: { type: entry.type } },
        el('div', {}, entry.summary),
        el('div', { className: 'entry-meta' }, `${entry.agent} · ${formatTime(entry.created_at)}`),
      ),
    ),
  );
}

function actionButton(label, className, action) {
  const button = el('button', { type: 'button', className }, label);
  button.addEventListener('click', () => void incidentAction(action));
  return button;
}

/** "Set priority" is for a change: it is off while the select shows the incident's priority. */
function updatePriorityButton() {
  const value = $('priority-select').value;
  $('act-priority').disabled = value === (state.incident?.priority?.id ?? '') || value === '';
}

$('priority-select').addEventListener('change', updatePriorityButton);

async function refreshIncident({ fromPoll = false } = {}) {
  const route = state.route;
  if (route.kind !== 'incident') return;
  let result;
  try {
    if (!state.data) await refreshList();
    result = await get(`/incidents/${encodeURIComponent(route.id)}`);
  } catch (error) {
    if (error.status !== 404) throw error;
    say(`There is no incident ${route.id}.`, { problem: true });
    history.replaceState(null, '', '/');
    await show({ kind: 'list' });
    return;
  }
  if (state.route !== route || result.text === state.incidentText) return;
  state.incidentText = result.text;
  renderIncident(result.body, { fromPoll });
}

async function incidentAction(action, extra) {
  const incident = state.incident;
  if (!incident) return;
  if (await act(incident.id, action, extra)) say(`Incident #${incident.number} ${DONE[action]}`);
  await refreshAll();
}

$('act-acknowledge').addEventListener('click', () => void incidentAction('acknowledge'));
$('act-resolve').addEventListener('click', () => void incidentAction('resolve'));
$('act-reopen').addEventListener('click', () => void incidentAction('reopen'));
$('priority-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void incidentAction('priority', { priority: $('priority-select').value });
});
$('reassign-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void incidentAction('reassign', { to: [$('reassign-select').value] });
});
$('note-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const content = $('note-content').value.trim();
  if (!content) {
    say('Write the note first.', { problem: true });
    $('note-content').focus();
    return;
  }
  const incident = state.incident;
  if (!incident) return;
  if (await act(incident.id, 'note', { content })) {
    $('note-content').value = '';
    say(`Note added to incident #${incident.number}`);
  }
  await refreshAll();
});

$('responder-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const content = $('responder-message').value.trim();
  if (!content) {
    say('Write a message to the responder first.', { problem: true });
    $('responder-message').focus();
    return;
  }
  const [kind, value] = $('responder-select').value.split(/:(.*)/s);
  void incidentAction('add_responders', kind === 'user' ? { to: [value], content } : { escalation_policy_ids: [value], content });
});
$('status-update-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const content = $('status-update-message').value.trim();
  if (!content) {
    say('Write the status update first.', { problem: true });
    $('status-update-message').focus();
    return;
  }
  const incident = state.incident;
  if (!incident) return;
  if (await act(incident.id, 'status_update', { content })) {
    $('status-update-message').value = '';
    say(`Status update posted on incident #${incident.number}`);
  }
  await refreshAll();
});
// Accept and Decline show for the person acting: re-render when "Act as" changes.
$('actor').addEventListener('change', () => {
  state.incidentText = undefined;
  void refreshIncident();
});

// ---- Start and keep up -------------------------------------------------------------------------

async function refreshAll({ fromPoll = false } = {}) {
  try {
    await refreshList({ fromPoll });
    await refreshIncident({ fromPoll });
  } catch {
    // The emulator is restarting or gone: try again on the next beat.
  }
}

async function poll() {
  // A tab in the background does not poll; it catches up when it is shown again.
  if (document.visibilityState === 'visible') await refreshAll({ fromPoll: true });
  setTimeout(() => void poll(), POLL_MS);
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refreshAll({ fromPoll: true });
});

await refreshList();
await show(routeOf(location.href));
setTimeout(() => void poll(), POLL_MS);
