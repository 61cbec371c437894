import type { Request, Response } from 'express';
import { INCIDENT_EVENT_TYPES, INCIDENT_FIELDS } from '../../rules';
import type { IncidentFieldsReply } from '../../contracts/authoring';
import { operatorOptions } from './getCaseFieldMetadata';

/** GET /api/metadata/incident-fields: the fixed PagerDuty incident fields rules may read, with their operators. */
export const getIncidentFieldMetadata = () => (_req: Request, res: Response<IncidentFieldsReply>) => {
  res.json({
    fields: INCIDENT_FIELDS.map((field) => ({
      key: field.key,
      name: field.name,
      label: field.label,
      type: field.type,
      picklistValues: [...(field.picklistValues ?? [])],
      operators: operatorOptions(field),
    })),
    eventTypes: [...INCIDENT_EVENT_TYPES],
  });
};
