import { z } from 'zod';
import type { FieldDef, SObjectDef } from '../model';
import { accountObject, contactObject } from './account';
import { caseCommentObject, caseObject } from './case';
import { checkbox, dateField, dateTime, double, email, integer, phone, picklist, reference, text, textArea, url } from './fieldBuilders';
import { groupObject } from './group';
import { organizationObject, userObject } from './user';

/** The org's objects, looked up case-insensitively as Salesforce does. */
export class SchemaRegistry {
  #objects = new Map<string, SObjectDef>();

  constructor() {
    this.reset();
  }

  /** Back to the standard objects: custom fields added at runtime disappear. */
  reset(): void {
    this.#objects.clear();
    for (const def of [accountObject(), contactObject(), caseObject(), caseCommentObject(), userObject(), groupObject(), organizationObject()]) {
      this.#objects.set(def.name.toLowerCase(), def);
    }
  }

  get(name: string): SObjectDef | undefined {
    return this.#objects.get(name.toLowerCase());
  }

  list(): SObjectDef[] {
    return [...this.#objects.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  byKeyPrefix(prefix: string): SObjectDef | undefined {
    return this.list().find((def) => def.keyPrefix === prefix);
  }

  addCustomField(objectName: string, spec: CustomFieldSpec): FieldDef {
    const def = this.get(objectName);
    if (!def) throw new Error(`No such object "${objectName}"`);
    if (def.fields.some((existing) => existing.name.toLowerCase() === spec.name.toLowerCase())) {
      throw new Error(`${def.name} already has a field named ${spec.name}`);
    }
    const field = customField(spec);
    def.fields.push(field);
    return field;
  }
}

export const customFieldSpecSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*__c$/, 'A custom field API name looks like Severity__c'),
    label: z.string().min(1).max(40).optional(),
    type: z.enum(['string', 'textarea', 'picklist', 'boolean', 'int', 'double', 'date', 'datetime', 'email', 'phone', 'url', 'reference']),
    length: z.number().int().min(1).max(131_072).optional(),
    required: z.boolean().optional(),
    picklistValues: z.array(z.string().min(1)).min(1).optional(),
    defaultValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
    restricted: z.boolean().optional(),
    referenceTo: z.string().optional(),
    externalId: z.boolean().optional(),
    unique: z.boolean().optional(),
  })
  .strict();

export type CustomFieldSpec = z.infer<typeof customFieldSpecSchema>;

function customField(spec: CustomFieldSpec): FieldDef {
  const common = {
    label: spec.label ?? spec.name.replace(/__c$/, '').replace(/_/g, ' '),
    nillable: !spec.required,
    externalId: spec.externalId ?? false,
    unique: spec.unique ?? false,
    custom: true,
  };
  switch (spec.type) {
    case 'string':
      return text(spec.name, spec.length ?? 255, common);
    case 'textarea':
      return textArea(spec.name, spec.length ?? 32768, common);
    case 'picklist': {
      if (!spec.picklistValues) throw new Error('A picklist field needs picklistValues');
      const defaultValue = typeof spec.defaultValue === 'string' ? spec.defaultValue : undefined;
      return picklist(spec.name, spec.picklistValues, { ...common, defaultValue, restricted: spec.restricted ?? false });
    }
    case 'boolean':
      return checkbox(spec.name, { ...common, nillable: false, defaultValue: spec.defaultValue === true });
    case 'int':
      return integer(spec.name, common);
    case 'double':
      return double(spec.name, 18, 2, common);
    case 'date':
      return dateField(spec.name, common);
    case 'datetime':
      return dateTime(spec.name, common);
    case 'email':
      return email(spec.name, common);
    case 'phone':
      return phone(spec.name, common);
    case 'url':
      return url(spec.name, common);
    case 'reference': {
      if (!spec.referenceTo) throw new Error('A reference field needs referenceTo (an object name)');
      return reference(spec.name, [spec.referenceTo], { ...common, relationshipName: spec.name.replace(/__c$/, '__r') });
    }
  }
}
