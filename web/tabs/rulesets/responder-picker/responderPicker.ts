/**
 * The responders of an "Add responders" action: the chosen users and escalation policies as SLDS
 * pills (each with a labelled Remove button), and two selects that add one more of each from the
 * live PagerDuty lists. Without the lists (PagerDuty unreachable) two id boxes take their place.
 * A template, not an element: its inputs stay in the rule editor's light DOM and form.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { PagerDutyMetadataReply } from '../../../../contracts/authoring';
import { utilityIcon } from '../../../icons/icons';
import { addableResponders, parseIdList, responderPills, withResponder, type ResponderTargets } from './responderChoices';
import './responder-picker.css';

export interface ResponderPickerOptions<T extends ResponderTargets> {
  /** Prefix of the element ids: `<prefix>-user`, `<prefix>-policy`, `<prefix>-pills`. */
  idPrefix: string;
  targets: T;
  /** Null when PagerDuty could not be read. */
  lists: Pick<PagerDutyMetadataReply, 'users' | 'escalationPolicies'> | null;
  error: string | undefined;
  onChange: (targets: T) => void;
}

export function responderPicker<T extends ResponderTargets>(o: ResponderPickerOptions<T>): TemplateResult {
  const errorId = `${o.idPrefix}-error`;
  const describedBy = o.error ? errorId : nothing;
  const invalid = o.error ? 'true' : 'false';
  const lists = o.lists;
  const body = lists ? pickers(o, lists, describedBy, invalid) : idBoxes(o, describedBy, invalid);
  return html`<fieldset class="slds-form-element pd-responder-picker ${o.error ? 'slds-has-error' : ''}" data-testid="${o.idPrefix}">
    <legend class="slds-form-element__legend slds-form-element__label"><abbr class="slds-required" title="required">* </abbr>Responders</legend>
    ${body} ${o.error ? html`<div class="slds-form-element__help" id=${errorId} data-testid=${errorId}>${o.error}</div>` : nothing}
  </fieldset>`;
}

function pickers<T extends ResponderTargets>(
  o: ResponderPickerOptions<T>,
  lists: NonNullable<ResponderPickerOptions<T>['lists']>,
  describedBy: string | typeof nothing,
  invalid: string,
): TemplateResult {
  const pills = responderPills(o.targets, lists);
  const addable = addableResponders(o.targets, lists);
  const add = (kind: 'user' | 'policy') => (event: Event) => {
    const select = event.target as HTMLSelectElement;
    const id = select.value;
    select.value = '';
    if (id) o.onChange(withResponder(o.targets, kind, id, true));
  };
  const remove = (kind: 'user' | 'policy', id: string) => {
    o.onChange(withResponder(o.targets, kind, id, false));
    // The pill and its button are gone: keep focus in the picker rather than on the page.
    document.getElementById(`${o.idPrefix}-${kind}`)?.focus();
  };
  const select = (kind: 'user' | 'policy', label: string, items: { id: string; name: string }[]) =>
    html`<div class="slds-form-element pd-responder-picker__add">
      <label class="slds-form-element__label" for="${o.idPrefix}-${kind}">${label}</label>
      <div class="slds-form-element__control">
        <div class="slds-select_container">
          <select
            class="slds-select"
            id="${o.idPrefix}-${kind}"
            data-testid="${o.idPrefix}-${kind}"
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            .value=${live('')}
            @change=${add(kind)}
          >
            <option value="">${items.length ? '— Choose —' : '— All added —'}</option>
            ${items.map((item) => html`<option value=${item.id}>${item.name}</option>`)}
          </select>
        </div>
      </div>
    </div>`;
  return html`<div class="slds-form-element__control">
    ${
      pills.length
        ? html`<ul
            class="slds-pill_container pd-responder-picker__pills"
            id="${o.idPrefix}-pills"
            aria-label="Chosen responders"
            data-testid="${o.idPrefix}-pills"
          >
            ${pills.map(
              (pill) =>
                html`<li class="pd-responder-picker__pill-item">
                  <span class="slds-pill ${pill.unknown ? 'slds-has-error' : ''}" data-testid="responder-pill" data-kind=${pill.kind} data-id=${pill.id}>
                    <span class="slds-icon_container slds-pill__icon_container" title=${pill.kind === 'user' ? 'User' : 'Escalation policy'}>
                      ${utilityIcon(pill.kind === 'user' ? 'user' : 'hierarchy', 'slds-icon slds-icon_x-small slds-icon-text-default')}
                      <span class="slds-assistive-text">${pill.kind === 'user' ? 'User' : 'Escalation policy'}:</span>
                    </span>
                    <span class="slds-pill__label">${pill.label}</span>
                    <button
                      class="slds-button slds-button_icon slds-pill__remove"
                      type="button"
                      title="Remove ${pill.label}"
                      @click=${() => remove(pill.kind, pill.id)}
                    >
                      ${utilityIcon('close', 'slds-button__icon')}
                      <span class="slds-assistive-text">Remove ${pill.label}</span>
                    </button>
                  </span>
                </li>`,
            )}
          </ul>`
        : html`<p class="slds-text-body_small slds-text-color_weak" data-testid="${o.idPrefix}-none">No responders chosen yet.</p>`
    }
    <div class="pd-responder-picker__adders">
      ${select('user', 'Add a user', addable.users)} ${select('policy', 'Add an escalation policy', addable.policies)}
    </div>
  </div>`;
}

function idBoxes<T extends ResponderTargets>(o: ResponderPickerOptions<T>, describedBy: string | typeof nothing, invalid: string): TemplateResult {
  const box = (kind: 'user' | 'policy', label: string, ids: string[] | undefined) =>
    html`<div class="slds-form-element pd-responder-picker__add">
      <label class="slds-form-element__label" for="${o.idPrefix}-${kind}">${label}</label>
      <div class="slds-form-element__control">
        <input
          class="slds-input"
          id="${o.idPrefix}-${kind}"
          data-testid="${o.idPrefix}-${kind}"
          placeholder="e.g. PABC123, PDEF456"
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
          .value=${live((ids ?? []).join(', '))}
          @change=${(event: Event) => {
            const key = kind === 'user' ? 'userIds' : 'escalationPolicyIds';
            const parsed = parseIdList((event.target as HTMLInputElement).value);
            const { [key]: _old, ...rest } = o.targets;
            o.onChange((parsed.length > 0 || kind === 'user' ? { ...rest, [key]: parsed } : rest) as T);
          }}
        />
      </div>
    </div>`;
  return html`<div class="slds-form-element__control pd-responder-picker__adders">
    ${box('user', 'User ids (PagerDuty)', o.targets.userIds)} ${box('policy', 'Escalation policy ids (PagerDuty)', o.targets.escalationPolicyIds)}
  </div>`;
}
