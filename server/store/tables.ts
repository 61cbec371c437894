/** Table names, shared by migrations and the store so a rename happens in one place. */
export const TABLES = {
  adminUsers: 'admin_users',
  adminSessions: 'admin_sessions',
  signInLinks: 'sign_in_links',
  connections: 'connections',
  settings: 'settings',
} as const;
