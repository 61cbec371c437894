/**
 * What the evaluator is given: one change (a Case created or updated, or a PagerDuty incident
 * webhook event) and the snapshot of the values the rules saw last time.
 */
import type { CaseChange, IncidentEventType } from './model';
import type { IncidentRecord } from './fields';

export interface CaseEvent {
  kind: 'case';
  change: CaseChange;
  /** The Case as Salesforce returns it, keyed by field API name. */
  record: Readonly<Record<string, unknown>>;
  /** CDC's `changedFields` (API names), when the source says which fields changed. */
  changedFields?: readonly string[];
}

export interface IncidentEvent {
  kind: 'incident';
  eventType: IncidentEventType;
  /** The flattened incident (see `IncidentRecord`), keyed by incident field name. */
  incident: Readonly<Partial<IncidentRecord>> & Readonly<Record<string, unknown>>;
}

export type RuleEvent = CaseEvent | IncidentEvent;

/**
 * The previous values of the record's fields (same keys as the record), or undefined when there
 * is no snapshot (e.g. a Case create). A key that is absent means "not known", which is not the
 * same as a key whose value is null ("was blank").
 */
export type PreviousValues = Readonly<Record<string, unknown>> | undefined;

/** Marks a field not read yet in `EvaluationContext.values`. */
export const NOT_READ: unique symbol = Symbol('not read');

/** Per-event state the compiled closures read. */
export interface EvaluationContext {
  record: Readonly<Record<string, unknown>>;
  previous: PreviousValues;
  changedFields: readonly string[] | undefined;
  eventType: string | undefined;
  /**
   * Per-event cache so each field is read at most once however many conditions use it. With one
   * slot per condition field and `stride` slots: [0, stride) current values in comparison form,
   * [stride, 2·stride) current exact values, then the previous values' two forms.
   */
  values: unknown[];
  stride: number;
  /**
   * Slots (of the first region) whose current value was unreadable, read as blank: the trace
   * notes it without parsing the value again. Null until the first one.
   */
  unreadable: boolean[] | null;
  /** Per-event cache of rendered templates (actions.ts `TemplateSlots`): each is rendered once. */
  rendered: (string | undefined)[];
}

export function contextFor(event: RuleEvent, previous: PreviousValues, slots: number, templates = 0): EvaluationContext {
  const values = new Array<unknown>(slots * 4).fill(NOT_READ);
  const rendered = new Array<string | undefined>(templates).fill(undefined);
  return event.kind === 'case'
    ? { record: event.record, previous, changedFields: event.changedFields, eventType: undefined, values, stride: slots, unreadable: null, rendered }
    : { record: event.incident, previous, changedFields: undefined, eventType: event.eventType, values, stride: slots, unreadable: null, rendered };
}

/** Notes that the current value in `slot` was unreadable (see `EvaluationContext.unreadable`). */
export function markUnreadable(context: EvaluationContext, slot: number): void {
  (context.unreadable ??= [])[slot] = true;
}

/** Key of the precomputed rule list an event selects. */
export function triggerKey(event: RuleEvent): string {
  return event.kind === 'case' ? `case:${event.change}` : `incident:${event.eventType}`;
}
