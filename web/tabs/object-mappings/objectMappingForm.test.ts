import { describe, expect, it } from 'vitest';
import type { CaseFieldMetadata, ObjectMappingReply } from '../../../contracts/authoring';
import { draftFrom, localErrors, requestFrom, textFields, writableTextFields } from './objectMappingForm';

const reply: ObjectMappingReply = {
  businessObject: 'Case',
  titleField: 'Subject',
  descriptionField: null,
  syncCommentsToNotes: true,
  statusUpdatesToCases: 'public_comment',
  incidentNumberField: null,
  incidentUrlField: 'Incident_URL__c',
  integrationUserEmail: 'integration@example.com',
  integrationUser: null,
  integrationUserProblem: null,
};

function field(name: string, type: string, updateable = true): CaseFieldMetadata {
  return {
    name,
    label: name,
    type,
    length: null,
    picklistValues: [],
    restrictedPicklist: false,
    createable: updateable,
    updateable,
    nillable: true,
    defaultedOnCreate: false,
    requiredForCreate: false,
    supported: true,
    operators: [],
  };
}

describe('object mapping form', () => {
  it('round-trips a reply through the draft into the request, blanks as null', () => {
    const draft = draftFrom(reply);
    expect(draft).toMatchObject({ descriptionField: '', writeBack: true, incidentUrlField: 'Incident_URL__c' });
    expect(requestFrom(draft)).toEqual({
      businessObject: 'Case',
      titleField: 'Subject',
      descriptionField: null,
      syncCommentsToNotes: true,
      statusUpdatesToCases: 'public_comment',
      incidentNumberField: null,
      incidentUrlField: 'Incident_URL__c',
      integrationUserEmail: 'integration@example.com',
    });
  });

  it('sends no write-back fields when the option is off', () => {
    expect(requestFrom({ ...draftFrom(reply), writeBack: false })).toMatchObject({ incidentNumberField: null, incidentUrlField: null });
  });

  it('offers text-like fields for title and description, updateable text fields for write-back', () => {
    const fields = [
      field('Subject', 'string'),
      field('Status', 'picklist'),
      field('IsClosed', 'boolean'),
      field('CaseNumber', 'string', false),
      field('Notes', 'textarea'),
    ];
    expect(textFields(fields).map((f) => f.name)).toEqual(['Subject', 'Status', 'CaseNumber', 'Notes']);
    expect(writableTextFields(fields).map((f) => f.name)).toEqual(['Subject', 'Notes']);
  });

  it('flags a missing title, a malformed email and an empty write-back choice', () => {
    const errors = localErrors({ ...draftFrom(reply), titleField: '', integrationUserEmail: 'not-an-email', incidentUrlField: '' });
    expect([...errors.keys()].sort()).toEqual(['incidentNumberField', 'integrationUserEmail', 'titleField']);
    expect(localErrors(draftFrom(reply)).size).toBe(0);
  });
});
