import { z } from 'zod';
import { STATUS_UPDATES_TO_CASES } from '../../contracts/authoring';
import type { Db } from './db';
import { readSetting, writeSetting } from './settings';

/**
 * OBJECT MAPPINGS: which Case fields become the incident's title and description, whether
 * Case comments become PagerDuty notes, whether the incident's status updates become comments
 * on its linked Cases, and optionally which Case fields receive the linked
 * incident's number and URL. The integration user email lives on the PagerDuty connection
 * (it is the REST `From` header); the tab edits it there.
 */
export const objectMappingSchema = z
  .object({
    businessObject: z.literal('Case'),
    titleField: z.string().min(1, 'Choose the Incident Title Field'),
    descriptionField: z.string().min(1).nullable(),
    syncCommentsToNotes: z.boolean(),
    statusUpdatesToCases: z.enum(STATUS_UPDATES_TO_CASES),
    incidentNumberField: z.string().min(1).nullable(),
    incidentUrlField: z.string().min(1).nullable(),
  })
  .strict();

export type ObjectMapping = z.infer<typeof objectMappingSchema>;

export const DEFAULT_OBJECT_MAPPING: ObjectMapping = {
  businessObject: 'Case',
  titleField: 'Subject',
  descriptionField: 'Description',
  syncCommentsToNotes: false,
  statusUpdatesToCases: 'internal_comment',
  incidentNumberField: null,
  incidentUrlField: null,
};

const KEY = 'object_mapping';

export async function readObjectMapping(db: Db): Promise<ObjectMapping> {
  const stored = await readSetting<unknown>(db, KEY);
  const parsed = objectMappingSchema.safeParse({ ...DEFAULT_OBJECT_MAPPING, ...(stored as object | undefined) });
  return parsed.success ? parsed.data : DEFAULT_OBJECT_MAPPING;
}

export async function writeObjectMapping(db: Db, mapping: ObjectMapping): Promise<void> {
  await writeSetting(db, KEY, objectMappingSchema.parse(mapping));
  recent.delete(db);
}

/** How old the mapping an action uses may be: a change saved on another instance applies within this. */
const RECENT_MS = 1_000;
const recent = new WeakMap<Db, { at: number; mapping: Promise<ObjectMapping> }>();

/**
 * The mapping for the actions (one read per incident created was a tenth of the engine's SQL):
 * re-read at most every second, and at once after this process saved a new one.
 */
export function recentObjectMapping(db: Db): Promise<ObjectMapping> {
  const now = Date.now();
  const cached = recent.get(db);
  if (cached && now - cached.at < RECENT_MS) return cached.mapping;
  const mapping = readObjectMapping(db);
  recent.set(db, { at: now, mapping });
  mapping.catch(() => recent.delete(db));
  return mapping;
}
