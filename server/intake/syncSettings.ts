import type { Db } from '../store/db';
import { readSetting, writeSetting } from '../store/settings';
import { syncSettingsSchema, type SyncSettings, type UpdateSyncSettingsRequest } from '../../contracts/sync';

const KEY = 'sync_settings';

/** Defaults of a new installation; the start date is fixed at the first read (the first start). */
export function defaultSyncSettings(now: Date): SyncSettings {
  return { automaticSync: true, intakeMode: 'cdc', pollIntervalSeconds: 60, commentPollSeconds: 30, startDate: now.toISOString() };
}

/**
 * The stored sync settings. On first use the defaults are written, so the start date stays the
 * first start rather than moving with every restart. A stored value that no longer parses
 * (an older shape) is merged over the defaults field by field.
 */
export async function readSyncSettings(db: Db, now: () => Date = () => new Date()): Promise<SyncSettings> {
  const stored = await readSetting<Record<string, unknown>>(db, KEY);
  if (stored === undefined) {
    const defaults = defaultSyncSettings(now());
    await writeSetting(db, KEY, defaults);
    return defaults;
  }
  const whole = syncSettingsSchema.safeParse(stored);
  if (whole.success) return whole.data;
  const merged: Record<string, unknown> = { ...defaultSyncSettings(now()) };
  const fields: Record<string, { safeParse(value: unknown): { success: boolean } } | undefined> = syncSettingsSchema.shape;
  for (const [key, value] of Object.entries(stored)) {
    // A stored key the schema no longer has is dropped.
    if (fields[key]?.safeParse(value).success) merged[key] = value;
  }
  return syncSettingsSchema.parse(merged);
}

export async function updateSyncSettings(db: Db, update: UpdateSyncSettingsRequest): Promise<SyncSettings> {
  const next = syncSettingsSchema.parse({ ...(await readSyncSettings(db)), ...update });
  await writeSetting(db, KEY, next);
  return next;
}
