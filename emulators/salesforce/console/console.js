// The emulator console: plain DOM code over the /__emulator/console JSON endpoints.
const api = '/__emulator/console';
const $ = (id) => document.getElementById(id);
let selectedCaseId;

async function call(path, options = {}) {
  const response = await fetch(api + path, {
    ...options,
    headers: { 'content-type': 'application/json' },
  });
  const body = response.status === 204 ? undefined : await response.json();
  if (!response.ok) throw new Error(body?.error?.message ?? `Request failed with status ${response.status}`);
  return body;
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
  setTimeout(() => container.remove(), 4000);
}

function option(value, label = value) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

function actingUserId() {
  return $('acting-user').value;
}

async function loadUsers() {
  const { users } = await call('/users');
  const select = $('acting-user');
  select.replaceChildren(...users.map((user) => option(user.Id, `${user.Name} (${user.Username})`)));
  // Default to a human agent: changes made here should look like a person's, not the integration's.
  const agent = users.find((user) => user.Title === 'Support Agent');
  if (agent) select.value = agent.Id;
}

async function loadCases() {
  const { cases } = await call('/cases');
  $('case-count').textContent = String(cases.length);
  $('case-rows').replaceChildren(
    ...cases.map((item) => {
      const row = document.createElement('tr');
      row.className = 'slds-hint-parent case-row';
      row.dataset.caseId = item.Id;
      row.setAttribute('aria-selected', String(item.Id === selectedCaseId));
      for (const value of [item.CaseNumber, item.Subject, item.Status, item.Priority, item.OwnerName]) {
        const cell = document.createElement('td');
        cell.textContent = value ?? '';
        row.append(cell);
      }
      row.addEventListener('click', () => openCase(item.Id));
      return row;
    }),
  );
}

async function openCase(id) {
  selectedCaseId = id;
  const { case: record, comments, picklists } = await call(`/cases/${id}`);
  $('case-detail').hidden = false;
  $('case-title').textContent = `Case ${record.CaseNumber}`;
  $('case-subject').value = record.Subject ?? '';
  $('case-description').value = record.Description ?? '';
  $('case-status').replaceChildren(...picklists.Status.map((value) => option(value)));
  $('case-status').value = record.Status ?? '';
  $('case-priority').replaceChildren(...picklists.Priority.map((value) => option(value)));
  $('case-priority').value = record.Priority ?? '';
  $('case-meta').textContent = `Owner: ${record.OwnerName ?? '—'} · Last modified by ${record.LastModifiedByName ?? '—'} at ${record.LastModifiedDate}`;
  $('comment-list').replaceChildren(
    ...comments.map((comment) => {
      const item = document.createElement('li');
      item.className = 'slds-item';
      const meta = document.createElement('p');
      meta.className = 'slds-text-body_small slds-text-color_weak';
      meta.textContent = `${comment.CreatedByName ?? 'Unknown'} · ${comment.CreatedDate}${comment.IsPublished ? ' · Public' : ''}`;
      const body = document.createElement('p');
      body.textContent = comment.CommentBody;
      item.append(meta, body);
      return item;
    }),
  );
  for (const row of document.querySelectorAll('.case-row')) row.setAttribute('aria-selected', String(row.dataset.caseId === id));
}

$('case-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await call(`/cases/${selectedCaseId}`, {
      method: 'PATCH',
      body: JSON.stringify({
        userId: actingUserId(),
        fields: {
          Subject: $('case-subject').value,
          Status: $('case-status').value,
          Priority: $('case-priority').value,
          Description: $('case-description').value,
        },
      }),
    });
    toast('Case saved', 'success');
    await Promise.all([openCase(selectedCaseId), loadCases()]);
  } catch (error) {
    toast(error.message, 'error');
  }
});

$('comment-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = $('comment-body').value.trim();
  if (!body) return toast('Write a comment first', 'warning');
  try {
    await call(`/cases/${selectedCaseId}/comments`, {
      method: 'POST',
      body: JSON.stringify({ userId: actingUserId(), body, isPublished: $('comment-published').checked }),
    });
    $('comment-body').value = '';
    toast('Comment added', 'success');
    await openCase(selectedCaseId);
  } catch (error) {
    toast(error.message, 'error');
  }
});

await loadUsers();
await loadCases();
