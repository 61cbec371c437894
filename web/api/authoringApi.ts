import type { Ruleset } from '../../rules';
import {
  authoringEndpoints as endpoints,
  endpointPath,
  type CaseFieldsReply,
  type ImportRulesetsReply,
  type IncidentFieldsReply,
  type ObjectMappingReply,
  type ObjectMappingRequest,
  type PagerDutyMetadataReply,
  type PatchRulesetRequest,
  type PutRulesetRequest,
  type RuleTestReply,
  type RuleTestRequest,
  type RulesetsReply,
  type AddRulesetFromTemplateRequest,
  type RulesetTemplatesReply,
} from '../../contracts/authoring';
import type { ApiClient } from './client';

/** The OBJECT MAPPINGS and RULESETS endpoints, typed by their shared contract. */
export class AuthoringApi {
  constructor(private readonly api: ApiClient) {}

  caseFields(signal?: AbortSignal): Promise<CaseFieldsReply> {
    return this.api.call(endpoints.getCaseFields, { signal });
  }
  incidentFields(signal?: AbortSignal): Promise<IncidentFieldsReply> {
    return this.api.call(endpoints.getIncidentFields, { signal });
  }
  pagerDutyMetadata(signal?: AbortSignal): Promise<PagerDutyMetadataReply> {
    return this.api.call(endpoints.getPagerDutyMetadata, { signal });
  }
  objectMapping(signal?: AbortSignal): Promise<ObjectMappingReply> {
    return this.api.call(endpoints.getObjectMapping, { signal });
  }
  saveObjectMapping(body: ObjectMappingRequest): Promise<ObjectMappingReply> {
    return this.api.call(endpoints.putObjectMapping, { body });
  }
  rulesets(signal?: AbortSignal): Promise<RulesetsReply> {
    return this.api.call(endpoints.getRulesets, { signal });
  }
  ruleset(id: string, signal?: AbortSignal): Promise<Ruleset> {
    return this.api.call({ ...endpoints.getRuleset, path: endpointPath(endpoints.getRuleset.path, { id }) }, { signal });
  }
  createRuleset(name: string): Promise<Ruleset> {
    return this.api.call(endpoints.createRuleset, { body: { name } });
  }
  patchRuleset(id: string, body: PatchRulesetRequest): Promise<Ruleset> {
    return this.api.call({ ...endpoints.patchRuleset, path: endpointPath(endpoints.patchRuleset.path, { id }) }, { body });
  }
  saveRuleset(ruleset: Ruleset): Promise<Ruleset> {
    const body: PutRulesetRequest = { name: ruleset.name, enabled: ruleset.enabled, rules: ruleset.rules };
    return this.api.call({ ...endpoints.putRuleset, path: endpointPath(endpoints.putRuleset.path, { id: ruleset.id }) }, { body });
  }
  deleteRuleset(id: string): Promise<void> {
    return this.api.call({ ...endpoints.deleteRuleset, path: endpointPath(endpoints.deleteRuleset.path, { id }) });
  }
  reorderRulesets(ids: string[]): Promise<RulesetsReply> {
    return this.api.call(endpoints.reorderRulesets, { body: { ids } });
  }
  importRulesets(document: unknown): Promise<ImportRulesetsReply> {
    return this.api.call(endpoints.importRulesets, { body: document });
  }
  rulesetTemplates(signal?: AbortSignal): Promise<RulesetTemplatesReply> {
    return this.api.call(endpoints.getRulesetTemplates, { signal });
  }
  addRulesetFromTemplate(key: string, body: AddRulesetFromTemplateRequest): Promise<Ruleset> {
    return this.api.call({ ...endpoints.addRulesetFromTemplate, path: endpointPath(endpoints.addRulesetFromTemplate.path, { key }) }, { body });
  }
  testRule(rulesetId: string, ruleId: string, body: RuleTestRequest): Promise<RuleTestReply> {
    return this.api.call({ ...endpoints.testRule, path: endpointPath(endpoints.testRule.path, { id: rulesetId, ruleId }) }, { body });
  }
  /** The export is a plain GET (cookie-authenticated), so the browser can download it as a link. */
  get exportUrl(): string {
    return endpoints.exportRulesets.path;
  }
}
