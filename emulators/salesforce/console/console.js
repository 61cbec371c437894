// The emulator console: plain DOM code over the /__emulator/console JSON endpoints, no build step.
// Its addresses are Lightning's: / lists Cases, /lightning/r/Case/{Id}/view opens one and
// /lightning/o/Case/new creates one. While the page is open it polls the list and the open Case
// (the API answers 304 while nothing changed), so a Case changed by the sync engine follows here.
const api = '/__emulator/console';
const POLL_MS = 3000;
/** The Case fields the form edits; the empty string stands for null. */
const FIELDS = ['Subject', 'Status', 'Priority', 'Origin', 'Description'];
const inputs = {
  Subject: document.getElementById('case-subject'),
  Status: document.getElementById('case-status'),
  Priority: document.getElementById('case-priority'),
  Origin: document.getElementById('case-origin'),
  Description: document.getElementById('case-description'),
};
const $ = (id) => document.getElementById(id);

const state = {
  /** `{ kind: 'list' }`, `{ kind: 'case', id }` or `{ kind: 'new' }`. */
  route: { kind: 'list' },
  /** Case picklists from the describe: `{ Status: { values, defaultValue }, … }`. */
  picklists: undefined,
  /** The open Case as its fields were last filled in: what is not equal to it is the user's edit. */
  loaded: undefined,
  /** Last response texts, to redraw only what changed. */
  casesText: undefined,
  caseText: undefined,
  /** Case list rows by Case Id, kept across refreshes so focus and scroll stay put. */
  rows: new Map(),
};

async function call(path, options = {}) {
  const response = await fetch(api + path, { ...options, headers: { 'content-type': 'application/json' } });
  const text = response.status === 204 ? '' : await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw Object.assign(new Error(body?.error?.message ?? `Request failed with status ${response.status}`), { status: response.status });
  return { body, text };
}

function toast(message, variant) {
  const region = $('toast-region');
  region.replaceChildren();
  const container = document.createElement('div');
  container.className = `slds-notify slds-notify_toast slds-theme_${variant}`;
  container.setAttribute('role', variant === 'error' ? 'alert' : 'status');
  const text = document.createElement('h2');
  text.className = 'slds-text-heading_small';
  text.textContent = message;
  container.append(text);
  region.append(container);
  setTimeout(() => container.remove(), variant === 'error' ? 8000 : 4000);
}

function option(value, label = value) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

/** Salesforce writes `2024-05-01T10:00:00.000+0000`; shown in the reader's locale. */
function formatDate(value) {
  if (!value) return '';
  const date = new Date(String(value).replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function actingUser() {
  const select = $('acting-user');
  return { id: select.value, name: select.selectedOptions[0]?.dataset.name };
}

async function loadUsers() {
  const { body } = await call('/users');
  const select = $('acting-user');
  select.replaceChildren(
    ...body.users.map((user) => {
      const element = option(user.Id, `${user.Name} (${user.Username})`);
      element.dataset.name = user.Name;
      return element;
    }),
  );
  // Default to a human agent: changes made here should look like a person's, not the integration's.
  const remembered = localStorage.getItem('sf-console-acting-user');
  const agent = body.users.find((user) => user.Id === remembered) ?? body.users.find((user) => user.Title === 'Support Agent');
  if (agent) select.value = agent.Id;
}

$('acting-user').addEventListener('change', () => {
  localStorage.setItem('sf-console-acting-user', $('acting-user').value);
  // The Canvas apps are signed for the acting user: a new user gets a new signed request.
  if (state.route.kind === 'case') void loadCanvasApps(state.route.id);
});

async function loadPicklists() {
  const { body } = await call('/describe');
  state.picklists = body.picklists;
  for (const name of ['Status', 'Priority', 'Origin']) {
    const picklist = state.picklists[name];
    // Origin has no default: like Salesforce, the form offers --None-- for it.
    const none = picklist.defaultValue === null ? [option('', '--None--')] : [];
    inputs[name].replaceChildren(...none, ...picklist.values.map((value) => option(value.value, value.label)));
  }
}

// ---- Routing ---------------------------------------------------------------------------------

function routeOf(pathname) {
  const record = /^\/lightning\/r\/Case\/([A-Za-z0-9]{15,18})\/view\/?$/.exec(pathname);
  if (record) return { kind: 'case', id: record[1] };
  if (/^\/lightning\/o\/Case\/new\/?$/.test(pathname)) return { kind: 'new' };
  return { kind: 'list' };
}

function pathOf(route) {
  if (route.kind === 'case') return `/lightning/r/Case/${route.id}/view`;
  if (route.kind === 'new') return '/lightning/o/Case/new';
  return '/';
}

async function go(route, { replace = false } = {}) {
  const path = pathOf(route);
  if (location.pathname !== path) history[replace ? 'replaceState' : 'pushState'](null, '', path);
  await show(route);
}

window.addEventListener('popstate', () => void show(routeOf(location.pathname)));

// Links marked data-route (New Case, Close) and Case Number links navigate without a reload.
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-route]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  void go(routeOf(new URL(link.href).pathname));
});

async function show(route) {
  state.route = route;
  state.loaded = undefined;
  state.caseText = undefined;
  markOpenRow();
  $('detail-empty').hidden = route.kind !== 'list';
  $('case-detail').hidden = route.kind === 'list';
  clearSubjectError();
  $('canvas-apps').replaceChildren();
  $('canvas-apps').hidden = true;
  if (route.kind === 'new') return showNewCase();
  if (route.kind === 'case') return openCase(route.id);
  document.title = 'Cases · Service Console · Salesforce Emulator';
}

// ---- Case list -------------------------------------------------------------------------------

function caseRow(id) {
  const row = document.createElement('tr');
  row.className = 'slds-hint-parent case-row';
  row.dataset.caseId = id;
  const number = document.createElement('th');
  number.scope = 'row';
  const link = document.createElement('a');
  link.href = pathOf({ kind: 'case', id });
  link.dataset.route = '';
  number.append(link);
  row.append(number);
  for (let i = 0; i < 5; i += 1) row.append(document.createElement('td'));
  row.addEventListener('click', (event) => {
    if (event.target.closest('a')) return;
    void go({ kind: 'case', id });
  });
  return row;
}

function fillRow(row, item) {
  const [number, subject, status, priority, owner, modified] = row.children;
  const values = [item.CaseNumber, item.Subject, item.Status, item.Priority, item.OwnerName, formatDate(item.LastModifiedDate)];
  const cells = [number.firstChild, subject, status, priority, owner, modified];
  let changed = false;
  cells.forEach((cell, index) => {
    const text = values[index] ?? '';
    if (cell.textContent !== text) {
      cell.textContent = text;
      changed = true;
    }
  });
  subject.className = 'slds-truncate case-subject';
  subject.title = item.Subject ?? '';
  return changed;
}

function renderCases(cases, { fromPoll }) {
  $('case-count').textContent = String(cases.length);
  const body = $('case-rows');
  const seen = new Set();
  let previous = null;
  for (const item of cases) {
    seen.add(item.Id);
    let row = state.rows.get(item.Id);
    const isNew = !row;
    if (!row) {
      row = caseRow(item.Id);
      state.rows.set(item.Id, row);
    }
    const changed = fillRow(row, item);
    if (fromPoll && (changed || isNew)) flash(row);
    // Move a row only when it is out of place: a moved element loses focus.
    const expected = previous ? previous.nextSibling : body.firstChild;
    if (row !== expected) body.insertBefore(row, expected);
    previous = row;
  }
  for (const [id, row] of state.rows) {
    if (seen.has(id)) continue;
    row.remove();
    state.rows.delete(id);
  }
  markOpenRow();
}

function markOpenRow() {
  const openId = state.route.kind === 'case' ? state.route.id : undefined;
  for (const [id, row] of state.rows) {
    if (openId && (id === openId || id.slice(0, 15) === openId.slice(0, 15))) row.setAttribute('aria-current', 'true');
    else row.removeAttribute('aria-current');
  }
}

function flash(element) {
  element.classList.remove('changed');
  // Restart the animation on an element flashed moments ago.
  void element.offsetWidth;
  element.classList.add('changed');
}

async function refreshCases({ fromPoll = false } = {}) {
  const { body, text } = await call('/cases');
  if (text === state.casesText) return;
  state.casesText = text;
  renderCases(body.cases, { fromPoll });
}

// ---- The Case form ---------------------------------------------------------------------------

function setField(name, value) {
  const input = inputs[name];
  const text = value ?? '';
  // A value the picklist does not offer (an inactive one) is still shown as it is.
  if (input.tagName === 'SELECT' && ![...input.options].some((candidate) => candidate.value === text)) input.append(option(text, text || '--None--'));
  input.value = text;
}

function showNewCase() {
  document.title = 'New Case · Service Console · Salesforce Emulator';
  $('case-title').textContent = 'New Case';
  $('case-subtitle').textContent = `Created as ${actingUser().name ?? 'the acting user'}`;
  $('subject-required').hidden = false;
  $('case-meta').hidden = true;
  $('comments').hidden = true;
  for (const name of FIELDS) setField(name, state.picklists[name]?.defaultValue ?? '');
  inputs.Subject.focus();
}

async function openCase(id) {
  let result;
  try {
    result = await call(`/cases/${encodeURIComponent(id)}`);
  } catch (error) {
    toast(error.message, 'error');
    if (error.status === 404) await go({ kind: 'list' }, { replace: true });
    return;
  }
  if (state.route.kind !== 'case' || state.route.id !== id) return;
  $('subject-required').hidden = true;
  $('case-meta').hidden = false;
  $('comments').hidden = false;
  fillCase(result.body, { fromPoll: false });
  state.caseText = result.text;
  await loadCanvasApps(id);
}

// ---- Canvas apps -----------------------------------------------------------------------------

/**
 * Embeds the Canvas apps of the record page as Salesforce does: an iframe per app, loaded by a
 * form POSTing the app's `signed_request` (for the acting user and this Case) into it.
 */
async function loadCanvasApps(caseId) {
  const region = $('canvas-apps');
  let apps;
  try {
    ({
      body: { apps },
    } = await call(`/cases/${encodeURIComponent(caseId)}/canvas`, { method: 'POST', body: JSON.stringify({ userId: actingUser().id }) }));
  } catch (error) {
    toast(error.message, 'error');
    return;
  }
  if (state.route.kind !== 'case' || state.route.id !== caseId) return;
  region.hidden = apps.length === 0;
  region.replaceChildren(
    ...apps.map((app, index) => {
      const frameName = `canvas-app-${index}`;
      const frame = Object.assign(document.createElement('iframe'), { name: frameName, title: app.name, className: 'canvas-frame' });
      Object.assign(frame.dataset, { canvasApp: app.name, canvasLocation: 'RecordPage', canvasRecord: caseId });
      const form = Object.assign(document.createElement('form'), { method: 'POST', action: app.canvasUrl, target: frameName, hidden: true });
      form.append(Object.assign(document.createElement('input'), { type: 'hidden', name: 'signed_request', value: app.signedRequest }));
      const heading = Object.assign(document.createElement('h3'), {
        className: 'slds-text-heading_small slds-m-top_large slds-m-bottom_small',
        textContent: app.name,
      });
      const wrapper = document.createElement('div');
      wrapper.append(heading, frame, form);
      return wrapper;
    }),
  );
  for (const form of region.querySelectorAll('form')) form.submit();
}

// ---- Utility bar ------------------------------------------------------------------------------

/** The utility bar's Canvas apps: a button each; opening one POSTs a fresh signed request into its panel. */
async function loadUtilityBar() {
  const { body } = await call('/utility-bar/canvas', { method: 'POST', body: JSON.stringify({ userId: actingUser().id }) });
  const bar = $('utility-bar');
  bar.hidden = body.apps.length === 0;
  bar.replaceChildren(
    ...body.apps.map((app) => {
      const button = Object.assign(document.createElement('button'), { type: 'button', className: 'slds-button slds-button_neutral', textContent: app.name });
      button.addEventListener('click', () => void openUtility(app.name));
      return button;
    }),
  );
}

async function openUtility(name) {
  let apps;
  try {
    ({
      body: { apps },
    } = await call('/utility-bar/canvas', { method: 'POST', body: JSON.stringify({ userId: actingUser().id }) }));
  } catch (error) {
    toast(error.message, 'error');
    return;
  }
  const app = apps.find((candidate) => candidate.name === name);
  if (!app) return;
  $('utility-panel-title').textContent = app.name;
  const frameName = 'canvas-utility';
  const frame = Object.assign(document.createElement('iframe'), { name: frameName, title: app.name, className: 'canvas-frame' });
  frame.dataset.canvasApp = app.name;
  frame.dataset.canvasLocation = 'UtilityBar';
  const form = Object.assign(document.createElement('form'), { method: 'POST', action: app.canvasUrl, target: frameName, hidden: true });
  form.append(Object.assign(document.createElement('input'), { type: 'hidden', name: 'signed_request', value: app.signedRequest }));
  $('utility-panel-body').replaceChildren(frame, form);
  $('utility-panel').hidden = false;
  form.submit();
}

$('utility-panel-close').addEventListener('click', () => {
  $('utility-panel').hidden = true;
  $('utility-panel-body').replaceChildren();
});

// ---- Canvas SDK (the parent side) ------------------------------------------------------------

/**
 * What Salesforce's page does for the Canvas SDK in a framed app (/canvas/sdk/js/…/canvas-all.js):
 * `Sfdc.canvas.client.refreshSignedRequest` asks for a new signed request for the same app, user
 * and record; `repost` POSTs one into the frame again. Only a frame of this page is answered, and
 * only at the app's own origin.
 */
window.addEventListener('message', (event) => {
  const message = event.data;
  if (!message || typeof message.type !== 'string' || !message.type.startsWith('sfdc.canvas.emulator.')) return;
  const frame = [...document.querySelectorAll('iframe.canvas-frame')].find((candidate) => candidate.contentWindow === event.source);
  if (!frame) return;
  void answerCanvasSdk(frame, message);
});

async function answerCanvasSdk(frame, message) {
  const location = frame.dataset.canvasLocation;
  const path = location === 'UtilityBar' ? '/utility-bar/canvas' : `/cases/${encodeURIComponent(frame.dataset.canvasRecord)}/canvas`;
  let result;
  let app;
  try {
    const { body } = await call(path, { method: 'POST', body: JSON.stringify({ userId: actingUser().id }) });
    app = body.apps.find((candidate) => candidate.name === frame.dataset.canvasApp);
    result = app ? { status: 200, statusText: 'OK', payload: { response: app.signedRequest } } : { status: 404, statusText: 'Not Found', payload: {} };
  } catch (error) {
    result = { status: 500, statusText: error.message, payload: {} };
  }
  if (message.type === 'sfdc.canvas.emulator.repost') {
    if (!app) return;
    const form = Object.assign(document.createElement('form'), { method: 'POST', action: app.canvasUrl, target: frame.name, hidden: true });
    form.append(Object.assign(document.createElement('input'), { type: 'hidden', name: 'signed_request', value: app.signedRequest }));
    frame.after(form);
    form.submit();
    form.remove();
    return;
  }
  const origin = app ? new URL(app.canvasUrl).origin : undefined;
  if (origin) frame.contentWindow?.postMessage({ type: 'sfdc.canvas.emulator.response', id: message.id, result }, origin);
}

/**
 * Shows the Case. On a refresh, a field the user has edited since it was filled in keeps the
 * user's value; every other field takes the Case's current one.
 */
function fillCase({ case: record, comments }, { fromPoll }) {
  const previous = state.loaded?.Id === record.Id ? state.loaded : undefined;
  const kept = [];
  for (const name of FIELDS) {
    const current = record[name] ?? '';
    if (previous && inputs[name].value !== (previous[name] ?? '')) {
      if (current !== (previous[name] ?? '')) kept.push(name);
      continue;
    }
    if (previous && inputs[name].value !== current) flash(inputs[name]);
    setField(name, current);
  }
  state.loaded = record;
  document.title = `Case ${record.CaseNumber} · Service Console · Salesforce Emulator`;
  $('case-title').textContent = `Case ${record.CaseNumber}`;
  $('case-subtitle').textContent = record.Subject ?? '';
  $('case-meta').textContent =
    `Owner: ${record.OwnerName ?? '—'} · Created by ${record.CreatedByName ?? '—'} on ${formatDate(record.CreatedDate)}` +
    ` · Last modified by ${record.LastModifiedByName ?? '—'} on ${formatDate(record.LastModifiedDate)}`;
  renderComments(comments, { fromPoll });
  if (fromPoll && previous && record.LastModifiedDate !== previous.LastModifiedDate && record.LastModifiedByName !== actingUser().name) {
    const note = kept.length > 0 ? ` (your unsaved ${kept.join(', ')} kept)` : '';
    toast(`Case ${record.CaseNumber} was updated by ${record.LastModifiedByName ?? 'another user'}${note}`, 'info');
  }
}

function renderComments(comments, { fromPoll }) {
  const list = $('comment-list');
  const known = new Set([...list.children].map((item) => item.dataset.commentId));
  $('no-comments').hidden = comments.length > 0;
  list.replaceChildren(
    ...comments.map((comment) => {
      const item = document.createElement('li');
      item.className = 'slds-item';
      item.dataset.commentId = comment.Id;
      const meta = document.createElement('p');
      meta.className = 'slds-text-body_small slds-text-color_weak';
      meta.textContent = `${comment.CreatedByName ?? 'Unknown'} · ${formatDate(comment.CreatedDate)}${comment.IsPublished ? ' · Public' : ''}`;
      const body = document.createElement('p');
      body.className = 'comment-body';
      body.textContent = comment.CommentBody;
      item.append(meta, body);
      if (fromPoll && !known.has(comment.Id)) flash(item);
      return item;
    }),
  );
}

async function refreshOpenCase() {
  const route = state.route;
  if (route.kind !== 'case' || !state.loaded) return;
  const { body, text } = await call(`/cases/${encodeURIComponent(route.id)}`);
  if (state.route !== route || text === state.caseText) return;
  state.caseText = text;
  fillCase(body, { fromPoll: true });
}

function clearSubjectError() {
  $('subject-element').classList.remove('slds-has-error');
  $('subject-help').hidden = true;
  inputs.Subject.removeAttribute('aria-invalid');
}

/** The form's values as the API takes them: an empty text or --None-- is null. */
function formValue(name) {
  const value = name === 'Subject' ? inputs[name].value.trim() : inputs[name].value;
  return value === '' ? null : value;
}

$('case-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearSubjectError();
  const route = state.route;
  try {
    if (route.kind === 'new') {
      if (!formValue('Subject')) {
        $('subject-element').classList.add('slds-has-error');
        $('subject-help').hidden = false;
        inputs.Subject.setAttribute('aria-invalid', 'true');
        inputs.Subject.focus();
        return;
      }
      const fields = Object.fromEntries(FIELDS.map((name) => [name, formValue(name)]).filter(([, value]) => value !== null));
      const { body: created } = await call('/cases', { method: 'POST', body: JSON.stringify({ userId: actingUser().id, fields }) });
      toast(`Case ${created.CaseNumber} was created`, 'success');
      await refreshCases();
      await go({ kind: 'case', id: created.Id }, { replace: true });
      return;
    }
    if (route.kind !== 'case' || !state.loaded) return;
    // Only what the user changed: a Case update names exactly the fields it changes.
    const fields = Object.fromEntries(FIELDS.filter((name) => formValue(name) !== (state.loaded[name] ?? null)).map((name) => [name, formValue(name)]));
    if (Object.keys(fields).length === 0) return toast('Nothing to save: no field was changed', 'info');
    await call(`/cases/${encodeURIComponent(route.id)}`, { method: 'PATCH', body: JSON.stringify({ userId: actingUser().id, fields }) });
    toast('Case saved', 'success');
    state.loaded = undefined;
    await Promise.all([openCase(route.id), refreshCases()]);
  } catch (error) {
    toast(error.message, 'error');
  }
});

$('case-cancel').addEventListener('click', () => {
  if (state.route.kind === 'new') return void go({ kind: 'list' });
  if (!state.loaded) return;
  for (const name of FIELDS) setField(name, state.loaded[name]);
});

$('comment-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const route = state.route;
  if (route.kind !== 'case') return;
  const body = $('comment-body').value.trim();
  if (!body) return toast('Write a comment first', 'warning');
  try {
    await call(`/cases/${encodeURIComponent(route.id)}/comments`, {
      method: 'POST',
      body: JSON.stringify({ userId: actingUser().id, body, isPublished: $('comment-published').checked }),
    });
    $('comment-body').value = '';
    toast('Comment added', 'success');
    await refreshOpenCase();
  } catch (error) {
    toast(error.message, 'error');
  }
});

// ---- Start and keep up -----------------------------------------------------------------------

async function refreshAll() {
  try {
    await refreshCases({ fromPoll: true });
    await refreshOpenCase();
  } catch {
    // The emulator is restarting or gone: try again on the next beat.
  }
}

async function poll() {
  // A tab in the background does not poll; it catches up when it is shown again.
  if (document.visibilityState === 'visible') await refreshAll();
  setTimeout(() => void poll(), POLL_MS);
}

await Promise.all([loadUsers(), loadPicklists(), refreshCases()]);
await show(routeOf(location.pathname));
void loadUtilityBar().catch((error) => toast(error.message, 'error'));
setTimeout(() => void poll(), POLL_MS);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refreshAll();
});
