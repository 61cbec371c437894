/** OBJECT MAPPINGS form logic: pure, unit-tested. */
import {
  TEXT_LIKE_TYPES,
  WRITABLE_TEXT_TYPES,
  type CaseFieldMetadata,
  type ObjectMappingReply,
  type ObjectMappingRequest,
  type StatusUpdatesToCases,
} from '../../../contracts/authoring';

export interface ObjectMappingDraft {
  titleField: string;
  descriptionField: string;
  syncCommentsToNotes: boolean;
  statusUpdatesToCases: StatusUpdatesToCases;
  writeBack: boolean;
  incidentNumberField: string;
  incidentUrlField: string;
  integrationUserEmail: string;
}

/** The form's labels, by request field (error messages name fields by these too). */
export const OBJECT_MAPPING_LABELS = {
  businessObject: 'Business Object',
  titleField: 'Incident Title Field',
  descriptionField: 'Incident Description Field',
  integrationUserEmail: 'Integration User Email',
  syncCommentsToNotes: 'Sync Salesforce Comments to PagerDuty Notes',
  statusUpdatesToCases: 'Status Updates to Cases',
  incidentNumberField: 'Incident Number Field',
  incidentUrlField: 'Incident URL Field',
} as const satisfies Readonly<Record<string, string>>;

export function draftFrom(reply: ObjectMappingReply): ObjectMappingDraft {
  return {
    titleField: reply.titleField,
    descriptionField: reply.descriptionField ?? '',
    syncCommentsToNotes: reply.syncCommentsToNotes,
    statusUpdatesToCases: reply.statusUpdatesToCases,
    writeBack: reply.incidentNumberField !== null || reply.incidentUrlField !== null,
    incidentNumberField: reply.incidentNumberField ?? '',
    incidentUrlField: reply.incidentUrlField ?? '',
    integrationUserEmail: reply.integrationUserEmail ?? '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function requestFrom(draft: ObjectMappingDraft): ObjectMappingRequest {
  return {
    businessObject: 'Case',
    titleField: draft.titleField.trim(),
    descriptionField: orNull(draft.descriptionField),
    syncCommentsToNotes: draft.syncCommentsToNotes,
    statusUpdatesToCases: draft.statusUpdatesToCases,
    incidentNumberField: draft.writeBack ? orNull(draft.incidentNumberField) : null,
    incidentUrlField: draft.writeBack ? orNull(draft.incidentUrlField) : null,
    integrationUserEmail: orNull(draft.integrationUserEmail),
  };
}

/** The choices of "Status Updates to Cases", in the order the picklist shows them. */
export const STATUS_UPDATE_CHOICES: readonly { value: StatusUpdatesToCases; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'internal_comment', label: 'Internal comment' },
  { value: 'public_comment', label: 'Public comment (the customer sees it)' },
];

/** Fields that can become the incident's title or description. */
export function textFields(fields: readonly CaseFieldMetadata[]): CaseFieldMetadata[] {
  return fields.filter((field) => TEXT_LIKE_TYPES.has(field.type));
}

/** Fields the integration can write the incident number or URL into. */
export function writableTextFields(fields: readonly CaseFieldMetadata[]): CaseFieldMetadata[] {
  return fields.filter((field) => WRITABLE_TEXT_TYPES.has(field.type) && field.updateable);
}

/** Checks done before asking the server (which checks everything again). */
export function localErrors(draft: ObjectMappingDraft): Map<string, string> {
  const errors = new Map<string, string>();
  if (!draft.titleField.trim()) errors.set('titleField', 'Choose the Incident Title Field');
  if (draft.integrationUserEmail.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.integrationUserEmail.trim())) {
    errors.set('integrationUserEmail', 'Enter the email of an existing PagerDuty user');
  }
  if (draft.writeBack && !draft.incidentNumberField && !draft.incidentUrlField) {
    errors.set('incidentNumberField', 'Choose a field for the incident number, the URL, or both; or untick the option');
  }
  return errors;
}
