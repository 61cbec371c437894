/**
 * Export/import of rulesets as one versioned JSON document:
 * `{ "format": "pagerduty-sfdc-rulesets", "schemaVersion": 1, "exportedAt"?: ISO, "rulesets": [...] }`.
 * Documents of older schema versions are migrated ruleset by ruleset on import. Field checks
 * against the org's describe happen afterwards with `compileRulesets` (the catalog is the org's).
 */
import { z } from 'zod';
import type { Ruleset } from './model';
import { RULES_SCHEMA_VERSION } from './model';
import { RulesetDocumentError, migrateRuleset } from './migrate';
import type { RuleError } from './paths';
import { issuesToErrors, joinPath } from './paths';
import { parseIsoDateTime } from './values';

export const EXPORT_FORMAT = 'pagerduty-sfdc-rulesets';

export interface RulesetExport {
  format: typeof EXPORT_FORMAT;
  schemaVersion: number;
  exportedAt?: string;
  rulesets: Ruleset[];
}

const envelopeSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT, { error: `Not a rulesets export: "format" must be "${EXPORT_FORMAT}"` }),
  schemaVersion: z.number().int().min(0),
  exportedAt: z
    .string()
    .refine((value) => parseIsoDateTime(value) !== null, 'Must be an ISO date-time such as 2024-05-01T09:30:00Z')
    .optional(),
  rulesets: z.array(z.unknown()).max(500, 'At most 500 rulesets'),
});

/** `exportedAt` comes from the caller: the engine has no clock. */
export function buildRulesetExport(rulesets: readonly Ruleset[], exportedAt?: string): RulesetExport {
  return {
    format: EXPORT_FORMAT,
    schemaVersion: RULES_SCHEMA_VERSION,
    ...(exportedAt !== undefined ? { exportedAt } : {}),
    rulesets: [...rulesets],
  };
}

export type ParsedExport = { ok: true; document: RulesetExport } | { ok: false; errors: RuleError[] };

/** Parses an uploaded export (any supported version) into current-model rulesets. */
export function parseRulesetExport(input: unknown): ParsedExport {
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) return { ok: false, errors: issuesToErrors(envelope.error.issues) };
  const { schemaVersion, exportedAt, rulesets: raw } = envelope.data;
  if (schemaVersion > RULES_SCHEMA_VERSION) {
    return {
      ok: false,
      errors: [
        { path: 'schemaVersion', message: `Exported by a newer release (schema version ${schemaVersion}; this one reads up to ${RULES_SCHEMA_VERSION})` },
      ],
    };
  }
  const errors: RuleError[] = [];
  const rulesets: Ruleset[] = [];
  const seen = new Map<string, number>();
  raw.forEach((item, i) => {
    try {
      const ruleset = migrateRuleset(schemaVersion, item);
      rulesets.push(ruleset);
      const first = seen.get(ruleset.id);
      if (first !== undefined) errors.push({ path: `rulesets[${i}].id`, message: `Duplicate ruleset id ${ruleset.id} (also rulesets[${first}])` });
      else seen.set(ruleset.id, i);
    } catch (error) {
      if (!(error instanceof RulesetDocumentError)) throw error;
      for (const e of error.errors) errors.push({ path: joinPath(`rulesets[${i}]`, e.path === '' ? [] : [e.path]), message: e.message });
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    document: { format: EXPORT_FORMAT, schemaVersion: RULES_SCHEMA_VERSION, ...(exportedAt !== undefined ? { exportedAt } : {}), rulesets },
  };
}
