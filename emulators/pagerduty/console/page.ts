/**
 * The console at `/`: a small PagerDuty web app to act as a responder, so a person can try the
 * PagerDuty → product round trip in a browser. The incident list at `/`, an incident's page at
 * `/?incidents={id}` and at `/incidents/{id}` (its `html_url` without a subdomain). Plain HTML, CSS
 * and a script (`/console.js`, served as it is: no build step) over `/__emulator/console/*` and `POST /__emulator/act`.
 */
export function consolePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Incidents · PagerDuty emulator</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${styles}</style>
</head>
<body>
<header class="topbar">
  <a class="brand" href="/" data-route>
    <img src="/favicon.svg" alt="" width="24" height="24">
    <span>PagerDuty</span><span class="brand-tag">emulator</span>
  </a>
  <nav aria-label="Main"><a href="/" data-route aria-current="page">Incidents</a></nav>
  <div class="actor">
    <label for="actor">Act as</label>
    <select id="actor" class="control"></select>
  </div>
</header>

<div class="toasts">
  <div id="message" role="status" aria-live="polite"></div>
  <div id="problem" role="alert"></div>
</div>

<main class="page">
  <section id="list-view" aria-labelledby="list-title">
    <div class="page-head">
      <div>
        <h1 id="list-title">Incidents</h1>
        <p class="muted">Act as a responder: every change is delivered to the webhook subscriptions.</p>
      </div>
    </div>
    <div class="toolbar">
      <div class="filters" role="group" aria-label="Show incidents">
        <button type="button" class="filter" data-filter="open" aria-pressed="false">Open <span class="count" data-count="open"></span></button>
        <button type="button" class="filter" data-filter="triggered" aria-pressed="false">Triggered <span class="count" data-count="triggered"></span></button>
        <button type="button" class="filter" data-filter="acknowledged" aria-pressed="false">Acknowledged <span class="count" data-count="acknowledged"></span></button>
        <button type="button" class="filter" data-filter="resolved" aria-pressed="false">Resolved <span class="count" data-count="resolved"></span></button>
        <button type="button" class="filter" data-filter="all" aria-pressed="true">All <span class="count" data-count="all"></span></button>
      </div>
      <div class="bulk" role="group" aria-label="Selected incidents">
        <span class="muted" id="selection-count">None selected</span>
        <button type="button" class="btn btn-primary" id="bulk-acknowledge" disabled>Acknowledge</button>
        <button type="button" class="btn btn-primary" id="bulk-resolve" disabled>Resolve</button>
      </div>
    </div>
    <div class="card table-card">
      <table class="incidents" aria-label="Incidents">
        <colgroup>
          <col style="width:44px"><col style="width:64px"><col style="width:144px"><col style="width:84px"><col style="width:92px">
          <col><col style="width:190px"><col style="width:170px"><col style="width:140px">
        </colgroup>
        <thead>
          <tr>
            <th scope="col"><input type="checkbox" id="select-all" aria-label="Select all incidents shown"></th>
            <th scope="col">#</th>
            <th scope="col">Status</th>
            <th scope="col">Priority</th>
            <th scope="col">Urgency</th>
            <th scope="col">Title</th>
            <th scope="col">Service</th>
            <th scope="col">Assigned to</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody id="incidents"></tbody>
      </table>
      <p class="empty muted" id="no-incidents" hidden>No incidents to show.</p>
    </div>
  </section>

  <section id="incident-view" aria-labelledby="incident-title" hidden>
    <a class="back" href="/" data-route>← All incidents</a>
    <div class="card incident-head">
      <div class="incident-title-row">
        <h1 id="incident-title"></h1>
        <div class="badges" id="incident-badges"></div>
      </div>
      <div class="incident-actions">
        <div class="action-group" role="group" aria-label="Status">
          <button type="button" class="btn btn-primary" id="act-acknowledge">Acknowledge</button>
          <button type="button" class="btn btn-primary" id="act-resolve">Resolve</button>
          <button type="button" class="btn" id="act-reopen">Reopen</button>
        </div>
        <form class="action-group" id="priority-form">
          <label for="priority-select">Priority</label>
          <select id="priority-select" class="control"></select>
          <button type="submit" class="btn" id="act-priority">Set priority</button>
        </form>
        <form class="action-group" id="reassign-form">
          <label for="reassign-select">Assign to</label>
          <select id="reassign-select" class="control"></select>
          <button type="submit" class="btn" id="act-reassign">Reassign</button>
        </form>
      </div>
    </div>
    <div class="incident-grid">
      <div class="incident-main">
        <section class="card" aria-labelledby="notes-title">
          <h2 id="notes-title">Notes</h2>
          <form id="note-form" class="note-form">
            <label for="note-content">Add a note</label>
            <textarea id="note-content" class="control" rows="3" maxlength="25000"></textarea>
            <div><button type="submit" class="btn btn-primary">Add note</button></div>
          </form>
          <ul class="notes" id="notes" aria-label="Notes"></ul>
          <p class="muted" id="no-notes" hidden>No notes yet.</p>
        </section>
        <section class="card" aria-labelledby="responders-title">
          <h2 id="responders-title">Responders</h2>
          <form id="responder-form" class="note-form">
            <div class="action-group">
              <label for="responder-select">Ask</label>
              <select id="responder-select" class="control"></select>
            </div>
            <label for="responder-message">Message</label>
            <textarea id="responder-message" class="control" rows="2" maxlength="1024">Please join the incident.</textarea>
            <div><button type="submit" class="btn btn-primary">Add responder</button></div>
          </form>
          <ul class="notes" id="responders" aria-label="Responders"></ul>
          <p class="muted" id="no-responders" hidden>No responders requested.</p>
        </section>
        <section class="card" aria-labelledby="status-updates-title">
          <h2 id="status-updates-title">Status updates</h2>
          <form id="status-update-form" class="note-form">
            <label for="status-update-message">Post a status update</label>
            <textarea id="status-update-message" class="control" rows="3" maxlength="65536"></textarea>
            <div><button type="submit" class="btn btn-primary">Post update</button></div>
          </form>
          <ul class="notes" id="status-updates" aria-label="Status updates"></ul>
          <p class="muted" id="no-status-updates" hidden>No status updates yet.</p>
        </section>
        <section class="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <ol class="timeline" id="timeline" aria-label="Timeline"></ol>
        </section>
      </div>
      <section class="card details" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <dl id="incident-details"></dl>
      </section>
    </div>
  </section>
</main>
<script type="module" src="/console.js"></script>
</body>
</html>`;
}

const styles = `
:root {
  --ink: #1f2326; --muted: #596168; --line: #dfe3e6; --page: #f4f5f6; --card: #fff;
  --green: #037a1f; --green-dark: #02631a; --focus: #0b5cd5;
  --triggered: #c62828; --acknowledged: #f2a900; --resolved: #037a1f;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--page);
}
* { box-sizing: border-box; }
body { margin: 0; }
[hidden] { display: none !important; }
a { color: #0b5cd5; }
h1 { font-size: 22px; line-height: 1.25; margin: 0; }
h2 { font-size: 15px; margin: 0 0 12px; }
.muted { color: var(--muted); }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }

.topbar { display: flex; align-items: center; gap: 28px; height: 56px; padding: 0 32px; background: #13201a; color: #fff; }
.brand { display: flex; align-items: center; gap: 8px; color: #fff; text-decoration: none; font-weight: 700; font-size: 17px; }
.brand-tag { font-weight: 500; font-size: 12px; padding: 1px 6px; border: 1px solid #4f6a5a; border-radius: 10px; color: #cfe3d6; }
.topbar nav { flex: 1; display: flex; height: 100%; }
.topbar nav a { display: flex; align-items: center; padding: 0 4px; color: #fff; text-decoration: none; font-weight: 600; border-bottom: 3px solid transparent; }
.topbar nav a[aria-current="page"] { border-bottom-color: #06ac38; }
.actor { display: flex; align-items: center; gap: 8px; }
.actor label { color: #cfe3d6; }
.actor .control { width: 22rem; }

.page { padding: 24px 32px 48px; }
.page-head { display: flex; justify-content: space-between; align-items: flex-end; margin-bottom: 16px; }
.page-head p { margin: 4px 0 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 16px 20px; }
.table-card { padding: 0; overflow: hidden; }

.btn { display: inline-flex; align-items: center; justify-content: center; height: 34px; padding: 0 14px; font: inherit; font-weight: 600;
  color: var(--ink); background: #fff; border: 1px solid #b9c0c5; border-radius: 4px; cursor: pointer; white-space: nowrap; }
.btn:hover:not(:disabled) { background: #eef1f2; }
.btn-primary { color: #fff; background: var(--green); border-color: var(--green); }
.btn-primary:hover:not(:disabled) { background: var(--green-dark); }
.btn:disabled { cursor: not-allowed; color: #5f666b; background: #eceff1; border-color: #d5dadd; }
.control { height: 34px; padding: 0 10px; font: inherit; color: var(--ink); background-color: #fff; border: 1px solid #b9c0c5; border-radius: 4px; }
select.control { appearance: none; padding-right: 30px; cursor: pointer;
  background-image: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='6'%3E%3Cpath d='M0 0l5 6 5-6z' fill='%23596168'/%3E%3C/svg%3E");
  background-repeat: no-repeat; background-position: right 10px center; }
textarea.control { height: auto; width: 100%; padding: 8px 10px; resize: vertical; }
.control:hover { border-color: #8d969c; }

.toolbar { display: flex; justify-content: space-between; align-items: center; gap: 16px; margin-bottom: 12px; flex-wrap: wrap; }
.filters { display: inline-flex; border: 1px solid #b9c0c5; border-radius: 4px; overflow: hidden; background: #fff; }
.filter { font: inherit; font-weight: 600; padding: 6px 14px; background: #fff; color: var(--ink); border: 0; border-right: 1px solid #dfe3e6; cursor: pointer; }
.filter:last-child { border-right: 0; }
.filter[aria-pressed="true"] { background: #13201a; color: #fff; }
.filter .count { font-weight: 500; opacity: .8; }
.bulk { display: flex; align-items: center; gap: 8px; }

table.incidents { width: 100%; border-collapse: collapse; table-layout: fixed; }
.incidents th { text-align: left; font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; color: var(--muted);
  background: #f9fafa; padding: 10px 12px; border-bottom: 1px solid var(--line); }
.incidents td { padding: 10px 12px; border-bottom: 1px solid #edf0f1; vertical-align: middle; overflow-wrap: anywhere; }
.incidents tbody tr:last-child td { border-bottom: 0; }
.incidents tbody tr:hover td { background: #f7faf8; }
.incidents tbody tr.selected td { background: #eaf6ee; }
.incidents .title a { font-weight: 600; color: var(--ink); text-decoration: none; }
.incidents .title a:hover { text-decoration: underline; color: #0b5cd5; }
.incidents input[type="checkbox"], #select-all { width: 16px; height: 16px; accent-color: var(--green); }
.empty { padding: 24px; text-align: center; margin: 0; }
.changed td, .changed { animation: changed 2.5s ease-out; }
@keyframes changed { from { background-color: #fff4c2; } to { background-color: transparent; } }

.status { display: inline-block; min-width: 96px; white-space: nowrap; text-align: center; padding: 3px 8px; border-radius: 3px; font-size: 12px; font-weight: 700; text-transform: capitalize; }
.status-triggered { background: var(--triggered); color: #fff; }
.status-acknowledged { background: var(--acknowledged); color: #1f2326; }
.status-resolved { background: var(--resolved); color: #fff; }
.priority { display: inline-block; min-width: 30px; text-align: center; padding: 2px 6px; border-radius: 3px; font-size: 12px; font-weight: 700; color: #fff; background: #5e676e; }
.priority[data-rank="0"] { background: #b3261e; }
.priority[data-rank="1"] { background: #c2410c; }
.priority[data-rank="2"] { background: #f2a900; color: #1f2326; }
.priority[data-rank="3"] { background: #2563eb; }
.no-priority { color: var(--muted); }
.urgency { font-weight: 600; text-transform: capitalize; }
.urgency-high { color: #b3261e; }
.urgency-low { color: var(--muted); }

.back { display: inline-block; margin-bottom: 12px; font-weight: 600; text-decoration: none; }
.back:hover { text-decoration: underline; }
.incident-head { margin-bottom: 16px; }
.incident-title-row { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; margin-bottom: 16px; }
.badges { display: flex; align-items: center; gap: 8px; }
.incident-actions { display: flex; align-items: center; gap: 12px 28px; flex-wrap: wrap; padding-top: 16px; border-top: 1px solid #edf0f1; }
.action-group { display: flex; align-items: center; gap: 8px; margin: 0; }
.action-group label { font-weight: 600; }
#priority-select { width: 8.5rem; }
#reassign-select { width: 13rem; }
#responder-select { width: 20rem; }
.responder-state { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 700; text-transform: capitalize; background: #eceff1; }
.responder-state[data-state="joined"] { background: #dff3e4; color: var(--green-dark); }
.responder-state[data-state="declined"] { background: #fdecea; color: #8c1d18; }
.responder-actions { display: flex; gap: 8px; margin-top: 6px; }
.incident-grid { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 16px; align-items: start; }
.incident-main { display: grid; gap: 16px; }
.note-form { display: grid; gap: 8px; margin-bottom: 16px; }
.note-form label { font-weight: 600; }
.notes, .timeline { list-style: none; margin: 0; padding: 0; }
.notes li { padding: 10px 0; border-top: 1px solid #edf0f1; }
.note-meta, .entry-meta { font-size: 12px; color: var(--muted); }
.note-meta strong { color: var(--ink); }
.note-content { margin: 4px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.timeline li { position: relative; padding: 0 0 14px 20px; }
.timeline li::before { content: ""; position: absolute; left: 4px; top: 6px; width: 8px; height: 8px; border-radius: 50%; background: #8d969c; }
.timeline li::after { content: ""; position: absolute; left: 7px; top: 18px; bottom: 0; width: 2px; background: #e3e7ea; }
.timeline li:last-child::after { display: none; }
.timeline li[data-type="trigger_log_entry"]::before { background: var(--triggered); }
.timeline li[data-type="acknowledge_log_entry"]::before { background: var(--acknowledged); }
.timeline li[data-type="resolve_log_entry"]::before { background: var(--resolved); }
.timeline li[data-type="annotate_log_entry"]::before { background: #2563eb; }
.details dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 8px 16px; margin: 0; }
.details dt { color: var(--muted); }
.details dd { margin: 0; overflow-wrap: anywhere; }
.details pre { margin: 0; white-space: pre-wrap; font: inherit; }

.toasts { position: fixed; top: 68px; left: 50%; transform: translateX(-50%); z-index: 10; display: grid; gap: 8px; justify-items: center; pointer-events: none; }
.toasts > div:empty { display: none; }
#message { background: #13201a; color: #fff; padding: 10px 16px; border-radius: 4px; box-shadow: 0 4px 14px rgba(0,0,0,.2); }
#problem { background: #fdecea; color: #8c1d18; border: 1px solid #f3b9b5; padding: 10px 16px; border-radius: 4px; box-shadow: 0 4px 14px rgba(0,0,0,.15); }
`;
