import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { ApiError, messageOf, type FieldError } from '../../api/apiError';
import { toastContext } from '../../state/context';
import { describeFieldErrors, fieldErrorMap } from './formModel';

export interface SaveFeedbackOptions {
  /** Names the settings in toasts: "PagerDuty settings saved". */
  subject: string;
  /** The success toast's second line. */
  savedMessage: string;
  /** Field labels for the error toast. */
  labels: Record<string, string>;
  /** The Save button, focused after a save when no field is invalid. */
  saveButtonSelector: string;
  /** Whether the save is still running (focus waits until the form is enabled again). */
  isSaving(): boolean;
}

/**
 * What a settings form shows around Save: the server's field errors (cleared one by one as
 * the person edits), a toast for the outcome, and focus on the first invalid field (else Save)
 * once the form is enabled again. Shared by the connection cards.
 */
export class SaveFeedbackController implements ReactiveController {
  #errors = new Map<string, string>();
  #refocus = false;
  readonly #toasts: ContextConsumer<typeof toastContext, ReactiveElement>;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: SaveFeedbackOptions,
  ) {
    host.addController(this);
    this.#toasts = new ContextConsumer(host, { context: toastContext });
  }

  error(field: string): string | undefined {
    return this.#errors.get(field);
  }

  /** The person edited the field: its error no longer applies. */
  clear(field: string): void {
    if (!this.#errors.has(field)) return;
    this.#errors = new Map(this.#errors);
    this.#errors.delete(field);
    this.host.requestUpdate();
  }

  /** Saved: "<subject> saved", or the toast given (saved, but the settings do not work). */
  saved(toast: { variant: 'success' | 'warning'; title: string; message?: string } = { variant: 'success', title: `${this.options.subject} saved` }): void {
    this.#errors = new Map();
    this.#refocus = true;
    this.#toasts.value?.show({ ...toast, message: toast.message ?? this.options.savedMessage });
    this.host.requestUpdate();
  }

  failed(error: unknown): void {
    const fields: FieldError[] = error instanceof ApiError ? error.fieldErrors : [];
    this.#errors = fieldErrorMap(fields);
    this.#toasts.value?.show({
      variant: 'error',
      title: `${this.options.subject} not saved`,
      message: fields.length ? describeFieldErrors(fields, this.options.labels) : messageOf(error),
    });
    this.#refocus = true;
    this.host.requestUpdate();
  }

  /** The form was disabled while saving (which drops focus): go to the first invalid field, else Save. */
  hostUpdated(): void {
    if (!this.#refocus || this.options.isSaving()) return;
    this.#refocus = false;
    const root = this.host as unknown as HTMLElement;
    (root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>(this.options.saveButtonSelector))?.focus();
  }
}
