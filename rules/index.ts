/** The rules engine's public API (pure: no I/O, no clock, no env; safe in the browser bundle). */
export * from './model';
export * from './fields';
export type { RuleError, PathSegment } from './paths';
export { formatPath, issuesToErrors } from './paths';
export type { ValueType, Parsed } from './values';
export { UNREADABLE, VALUE_TYPES, valueTypeOf, parseIsoDate, parseIsoDateTime, toEighteenCharacterId } from './values';
export type { OperatorSpec, ValueShape, ConditionTest, CompiledCondition, ConditionProblem } from './operators';
export { OPERATORS, operatorsForField, isOperatorName, compileCondition } from './operators';
export type { LogicNode, FilterLogicCheck } from './filterLogic';
export {
  FilterLogicError,
  parseFilterLogic,
  checkFilterLogic,
  printFilterLogic,
  evaluateLogic,
  compileLogic,
  logicForKind,
} from './filterLogic';
export type { CompiledTemplate, TemplatePart, TemplateProblem, TemplateCompileResult } from './templates';
export { compileTemplate, renderTemplate, formatTemplateValue } from './templates';
export type { RenderedAction, CaseFieldOutput } from './actions';
export type { CaseEvent, IncidentEvent, RuleEvent, PreviousValues } from './events';
export type { CompiledRules, CompiledRuleset, CompiledRule, CompiledConditionEntry, CompileResult } from './compile';
export { compileRulesets, checkRuleset, validateRuleset } from './compile';
export type { EvaluationResult, EvaluateOptions, RuleTrace, ConditionTrace, SelectedAction, SkippedReason } from './evaluate';
export { evaluate } from './evaluate';
export { RulesetDocumentError, migrateRuleset, migrateRulesetDocument } from './migrate';
export type { RulesetExport, ParsedExport } from './exchange';
export { EXPORT_FORMAT, buildRulesetExport, parseRulesetExport } from './exchange';
