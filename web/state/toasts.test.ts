import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TOASTS, ToastController } from './toasts';

describe('ToastController', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows toasts in order and tells subscribers', () => {
    const toasts = new ToastController();
    const seen: string[][] = [];
    toasts.subscribe((list) => seen.push(list.map((toast) => toast.title)));
    toasts.show({ variant: 'success', title: 'Saved' });
    toasts.show({ variant: 'error', title: 'Failed', message: 'Check the key' });
    expect(seen).toEqual([['Saved'], ['Saved', 'Failed']]);
    expect(toasts.toasts[1]).toMatchObject({ variant: 'error', title: 'Failed', message: 'Check the key' });
  });

  it('dismisses success toasts on their own but keeps errors until closed', () => {
    const toasts = new ToastController();
    toasts.show({ variant: 'success', title: 'Saved' });
    const error = toasts.show({ variant: 'error', title: 'Failed' });
    vi.advanceTimersByTime(5_000);
    expect(toasts.toasts.map((toast) => toast.title)).toEqual(['Failed']);
    vi.advanceTimersByTime(60_000);
    expect(toasts.toasts).toHaveLength(1);
    toasts.dismiss(error.id);
    expect(toasts.toasts).toHaveLength(0);
  });

  it('keeps at most a few toasts, dropping the oldest', () => {
    const toasts = new ToastController();
    for (let index = 0; index < MAX_TOASTS + 2; index++) toasts.show({ variant: 'error', title: `Error ${index}` });
    expect(toasts.toasts.map((toast) => toast.title)).toEqual(['Error 2', 'Error 3', 'Error 4']);
  });

  it('stops notifying after unsubscribe, and ignores unknown ids', () => {
    const toasts = new ToastController();
    const listener = vi.fn();
    const unsubscribe = toasts.subscribe(listener);
    unsubscribe();
    toasts.show({ variant: 'info', title: 'Hello' });
    toasts.dismiss(999);
    expect(listener).not.toHaveBeenCalled();
  });

  it('clears everything, timers included', () => {
    const toasts = new ToastController();
    toasts.show({ variant: 'success', title: 'Saved' });
    toasts.clear();
    expect(toasts.toasts).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
