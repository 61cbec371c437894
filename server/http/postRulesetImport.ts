import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import { compileRulesets, parseRulesetExport, rulesetNameKey, uniqueRulesetName, type Ruleset } from '../../rules';
import type { AppContext } from '../context';
import { liveCatalog } from './authoring/caseDescribe';
import { rulesetStore, rulesInvalid, rulesChanged, saveRuleset } from './authoring/rulesetAccess';
import { SYNC_TABLES } from '../store/tables';
import type { ImportRulesetsReply } from '../../contracts/authoring';

/**
 * POST /api/rulesets/import: an export document (any supported schema version). All or nothing:
 * every ruleset must parse and compile against this org's describe, else 400 with paths such
 * as `rulesets[1].rules[0].conditions[2].field` and nothing is stored.
 *
 * Imported rulesets are added after the existing ones and always DISABLED, whatever the file
 * says: rules written for another org must be reviewed here before they act. An imported id
 * already in use gets a new id, so an import never overwrites an admin's rules. A name already in
 * use (or used twice in the file) becomes "Name (2)", "Name (3)"…: names stay unique, as the sync
 * log's "Ruleset › Rule" needs, and importing an export back as a copy just works. Both kinds of
 * renames are in the reply.
 */
export const postRulesetImport = (ctx: AppContext) => async (req: Request, res: Response<ImportRulesetsReply>) => {
  const parsed = parseRulesetExport(req.body);
  if (!parsed.ok) throw rulesInvalid('The file is not a valid rulesets export', parsed.errors);
  const incoming = parsed.document.rulesets;
  const compiled = compileRulesets(incoming, await liveCatalog(ctx));
  if (!compiled.ok) throw rulesInvalid('The imported rules do not fit this Salesforce org', compiled.errors);

  const store = rulesetStore(ctx);
  const renamedIds: Record<string, string> = {};
  const renamedNames: ImportRulesetsReply['renamedNames'] = [];
  const imported = await ctx.db.transaction(async (trx) => {
    const taken = new Set((await trx<{ id: string }>(SYNC_TABLES.rulesets).select('id')).map((row) => row.id));
    const takenNames = await store.nameKeys(trx);
    let position = await store.nextPosition(trx);
    const saved: Ruleset[] = [];
    // The file's order is its evaluation order.
    for (const ruleset of [...incoming].sort((a, b) => a.position - b.position)) {
      let id = ruleset.id;
      if (taken.has(id)) {
        id = crypto.randomUUID();
        renamedIds[ruleset.id] = id;
      }
      taken.add(id);
      const name = uniqueRulesetName(ruleset.name, takenNames);
      if (name !== ruleset.name) renamedNames.push({ from: ruleset.name, to: name });
      takenNames.add(rulesetNameKey(name));
      const next: Ruleset = { ...ruleset, id, name, enabled: false, position: position++ };
      await saveRuleset(store, next, trx);
      saved.push(next);
    }
    return saved;
  });
  ctx.logger.info({ count: imported.length, renamed: Object.keys(renamedIds).length, renamedNames: renamedNames.length }, 'rulesets imported (disabled)');
  rulesChanged(ctx);
  res.status(201).json({ imported, renamedIds, renamedNames });
};
