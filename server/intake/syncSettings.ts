import type { Db } from '../store/db';
import { readSetting, writeSetting } from '../store/settings';
import { syncSettingsSchema, type SyncSettings, type UpdateSyncSettingsRequest } from '../../contracts/sync';

const KEY = 'sync_settings';

/** How far before the first start the default start date lies: a first full sync covers the last month of Cases. */
export const DEFAULT_START_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Defaults of a new installation. The start date is `DEFAULT_START_DAYS` before the first read
 * (the first start), and fixed then: "Run full sync" reads the Cases changed in the last month,
 * as an admin trying it expects, not only those changed since the app was installed.
 */
export function defaultSyncSettings(now: Date): SyncSettings {
  return {
    automaticSync: true,
    intakeMode: 'cdc',
    pollIntervalSeconds: 60,
    commentPollSeconds: 30,
    startDate: new Date(now.getTime() - DEFAULT_START_DAYS * DAY_MS).toISOString(),
  };
}

/**
 * Stores the defaults with `startDate` when no sync settings are stored yet (demo mode: a start
 * date that covers its seeded Cases); stored settings are left as they are. Returns what is stored.
 */
export async function initSyncSettings(db: Db, initial: Pick<SyncSettings, 'startDate'>, now: () => Date = () => new Date()): Promise<SyncSettings> {
  if ((await readSetting(db, KEY)) !== undefined) return readSyncSettings(db, now);
  const settings = syncSettingsSchema.parse({ ...defaultSyncSettings(now()), ...initial });
  await writeSetting(db, KEY, settings);
  return settings;
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
