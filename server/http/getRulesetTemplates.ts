import type { Request, Response } from 'express';
import { STARTER_TEMPLATES } from '../../rules';
import type { RulesetTemplatesReply } from '../../contracts/authoring';

/** GET /api/rulesets/templates: the starter rulesets "Add from template" offers, with what each needs chosen. */
export const getRulesetTemplates = () => (_req: Request, res: Response<RulesetTemplatesReply>) => {
  res.json({
    templates: STARTER_TEMPLATES.map((template) => ({
      key: template.key,
      name: template.name,
      description: template.description,
      needs: [...template.needs],
      ruleNames: template.rules.map((rule) => rule.name),
    })),
  });
};
