import type { AddRulesetFromTemplateRequest, PagerDutyServiceOption, RulesetTemplateView } from '../../../../contracts/authoring';

/** Pure helpers of `<pd-ruleset-templates>`, tested without a browser. */

/** The service a template starts with: the chosen one while it still exists, else the account's first by name (the list comes sorted). */
export function serviceChoice(services: readonly PagerDutyServiceOption[], chosen: string | undefined): string {
  if (chosen && services.some((service) => service.id === chosen)) return chosen;
  return services[0]?.id ?? '';
}

/** Why a template cannot be added yet, or undefined when it can. */
export function blockedReason(template: RulesetTemplateView, services: readonly PagerDutyServiceOption[] | undefined, serviceId: string): string | undefined {
  if (!template.needs.includes('service')) return undefined;
  if (services === undefined) return 'Loading the PagerDuty services…';
  if (services.length === 0) return 'PagerDuty lists no services: add one in PagerDuty first.';
  return serviceId ? undefined : 'Choose a PagerDuty service.';
}

/** The request body: the service only for templates that need one. */
export function addRequest(template: RulesetTemplateView, serviceId: string): AddRulesetFromTemplateRequest {
  return template.needs.includes('service') ? { serviceId } : {};
}
