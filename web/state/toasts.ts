/**
 * Toast state: a small observable list with auto-dismiss timers. The `<pd-toast-region>`
 * renders it; any component reaches it through `toastContext`.
 */
export type ToastVariant = 'success' | 'error' | 'warning' | 'info';

export interface ToastInput {
  variant: ToastVariant;
  title: string;
  /** A second line: the reason or what to do next. */
  message?: string;
}

export interface Toast extends ToastInput {
  id: number;
}

export interface ToastTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * How long a toast stays. Errors and warnings stay until closed: they usually say what to fix,
 * and a message that vanishes while being read helps nobody.
 */
export const TOAST_DURATION_MS: Record<ToastVariant, number | undefined> = {
  success: 5_000,
  info: 5_000,
  warning: undefined,
  error: undefined,
};

/** At most this many at once; the oldest goes first, so the screen never fills with toasts. */
export const MAX_TOASTS = 3;

export class ToastController {
  #toasts: Toast[] = [];
  #nextId = 1;
  readonly #listeners = new Set<(toasts: readonly Toast[]) => void>();
  readonly #timers = new Map<number, unknown>();
  readonly #clock: ToastTimers;

  constructor(clock: ToastTimers = { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as number) }) {
    this.#clock = clock;
  }

  get toasts(): readonly Toast[] {
    return this.#toasts;
  }

  show(input: ToastInput): Toast {
    const toast: Toast = { ...input, id: this.#nextId++ };
    const kept = [...this.#toasts, toast];
    for (const dropped of kept.splice(0, Math.max(0, kept.length - MAX_TOASTS))) this.#clearTimer(dropped.id);
    this.#toasts = kept;
    const duration = TOAST_DURATION_MS[input.variant];
    if (duration !== undefined)
      this.#timers.set(
        toast.id,
        this.#clock.setTimeout(() => this.dismiss(toast.id), duration),
      );
    this.#emit();
    return toast;
  }

  dismiss(id: number): void {
    if (!this.#toasts.some((toast) => toast.id === id)) return;
    this.#clearTimer(id);
    this.#toasts = this.#toasts.filter((toast) => toast.id !== id);
    this.#emit();
  }

  clear(): void {
    for (const id of this.#timers.keys()) this.#clearTimer(id);
    this.#toasts = [];
    this.#emit();
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (toasts: readonly Toast[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #clearTimer(id: number): void {
    const handle = this.#timers.get(id);
    if (handle !== undefined) this.#clock.clearTimeout(handle);
    this.#timers.delete(id);
  }

  #emit(): void {
    for (const listener of this.#listeners) listener(this.#toasts);
  }
}
