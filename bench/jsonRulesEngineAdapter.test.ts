import { describe, expect, it } from 'vitest';
import { buildFieldCatalog, compileRulesets, evaluate } from '../rules';
import { SAMPLE_CASE_FIELDS } from '../rules/testing/sampleCaseFields';
import { buildJsonRulesEngine } from './jsonRulesEngineAdapter';
import { generateEvents, generateRulesets } from './rulesWorkload';

// A differential test: the benchmark's json-rules-engine setup (operators written independently)
// and our evaluator must select the same rules on generated workloads.
describe('json-rules-engine adapter vs rules/ evaluate', () => {
  it.each([1, 2, 3])('selects the same rules (seed %i)', async (seed) => {
    const shape = { rulesets: 5, rulesPerRuleset: 8, conditionsPerRule: 3, events: 150 };
    const rulesets = generateRulesets(shape, seed);
    const compiled = compileRulesets(rulesets, buildFieldCatalog(SAMPLE_CASE_FIELDS));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const jre = buildJsonRulesEngine(rulesets);
    let selections = 0;
    for (const { event, previous } of generateEvents(shape, seed + 1)) {
      const ours = evaluate(compiled.compiled, event, previous, { trace: false }).matched.map((m) => `${m.rulesetId}/${m.ruleId}`);
      expect(await jre.select(event, previous)).toEqual(ours);
      selections += ours.length;
    }
    expect(selections).toBeGreaterThan(0);
  });
});
