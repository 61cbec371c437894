import { createContext } from '@lit/context';
import type { ApiClient } from '../api/client';
import type { ToastController } from './toasts';

/** The signed-in admin. The CSRF token itself lives in the ApiClient, which sends it. */
export interface AdminSession {
  username: string;
  demo: boolean;
}

/** Shared state, provided once by `<pd-admin-app>` and consumed by any component below it. */
export const apiContext = createContext<ApiClient>(Symbol('pd-api-client'));

/** The API client a component consumed from `apiContext`; outside the shell there is none, and the message says what to do. */
export function requireApi(consumer: { readonly value?: ApiClient | undefined }): ApiClient {
  const api = consumer.value;
  if (!api) throw new Error('The admin UI is not set up: reload the page.');
  return api;
}
export const sessionContext = createContext<AdminSession | undefined>(Symbol('pd-admin-session'));
export const toastContext = createContext<ToastController>(Symbol('pd-toasts'));
