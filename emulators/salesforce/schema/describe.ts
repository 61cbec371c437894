import type { FieldDef, FieldType, SObjectDef } from '../model';

/**
 * Renders the JSON that `/sobjects`, `/sobjects/{type}` and `/sobjects/{type}/describe` return,
 * with every property a real org sends (so clients that read any of them find it).
 */

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  combobox: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

function urls(def: SObjectDef, version: string) {
  const base = `/services/data/v${version}/sobjects/${def.name}`;
  return {
    compactLayouts: `${base}/describe/compactLayouts`,
    rowTemplate: `${base}/{ID}`,
    approvalLayouts: `${base}/describe/approvalLayouts`,
    uiDetailTemplate: `https://emulator.my.salesforce.com/{ID}`,
    uiEditTemplate: `https://emulator.my.salesforce.com/{ID}/e`,
    defaultValues: `${base}/defaultValues?recordTypeId&fields`,
    describe: `${base}/describe`,
    uiNewRecord: `https://emulator.my.salesforce.com/${def.keyPrefix}/e`,
    quickActions: `${base}/quickActions`,
    layouts: `${base}/describe/layouts`,
    sobject: base,
  };
}

/** Objects SOSL searches: not the Organization, nor CaseComment (its describe says searchable false). */
export function isSearchable(def: SObjectDef): boolean {
  return def.name !== 'Organization' && def.name !== 'CaseComment';
}

/** One entry of the global describe (`GET /sobjects`), also `objectDescribe` of the basic info. */
export function describeGlobalEntry(def: SObjectDef, version: string) {
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: def.createable,
    custom: def.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: def.deletable,
    deprecatedAndHidden: false,
    feedEnabled: def.name === 'Case' || def.name === 'Account' || def.name === 'Contact',
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: def.createable,
    mergeable: def.name === 'Account' || def.name === 'Contact' || def.name === 'Case',
    mruEnabled: def.createable,
    name: def.name,
    queryable: def.queryable,
    replicateable: def.queryable,
    retrieveable: true,
    searchable: isSearchable(def),
    triggerable: def.createable,
    undeletable: def.deletable,
    updateable: def.updateable,
    urls: urls(def, version),
  };
}

export function describeGlobal(defs: SObjectDef[], version: string) {
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: defs.map((def) => describeGlobalEntry(def, version)) };
}

export function describeField(field: FieldDef) {
  const stringLike = ['string', 'textarea', 'picklist', 'multipicklist', 'combobox', 'email', 'phone', 'url', 'id', 'reference'].includes(field.type);
  const defaultPicklist = field.picklistValues.find((value) => value.defaultValue);
  return {
    aggregatable: field.type !== 'textarea' || field.length <= 255,
    aiPredictionField: false,
    autoNumber: field.autoNumber,
    byteLength: stringLike ? field.length * 3 : 0,
    calculated: field.calculated,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: null,
    controllerName: null,
    createable: field.createable,
    custom: field.custom,
    defaultValue: field.type === 'boolean' ? (field.defaultValue ?? false) : (defaultPicklist?.value ?? field.defaultValue ?? null),
    defaultValueFormula: null,
    defaultedOnCreate: field.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: field.type === 'int' ? 9 : 0,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: field.externalId,
    extraTypeInfo: field.type === 'textarea' ? (field.length > 255 ? 'plaintextarea' : null) : null,
    filterable: field.filterable,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: field.type !== 'textarea' && field.type !== 'double' && field.type !== 'datetime',
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: field.type === 'id' || field.unique || field.externalId || field.name === 'CaseNumber' || field.name === 'Username',
    inlineHelpText: null,
    label: field.label,
    length: field.length,
    mask: null,
    maskType: null,
    name: field.name,
    nameField: field.nameField,
    namePointing: field.referenceTo.length > 1,
    nillable: field.nillable,
    permissionable: field.nillable && !field.calculated && field.createable,
    picklistValues: field.picklistValues.map((value) => ({ ...value, validFor: null })),
    polymorphicForeignKey: field.referenceTo.length > 1,
    precision: field.precision,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: field.restrictedPicklist,
    scale: field.scale,
    searchPrefilterable: field.type === 'reference',
    soapType: SOAP_TYPES[field.type],
    sortable: field.sortable,
    type: field.type,
    unique: field.unique,
    updateable: field.updateable,
    writeRequiresMasterRead: false,
  };
}

/** The full describe (`GET /sobjects/{type}/describe`). */
export function describeSObject(def: SObjectDef, version: string) {
  const { urls: entryUrls, ...entry } = describeGlobalEntry(def, version);
  return {
    actionOverrides: [],
    ...entry,
    childRelationships: def.childRelationships.map((child) => ({
      cascadeDelete: child.childSObject === 'CaseComment',
      childSObject: child.childSObject,
      deprecatedAndHidden: false,
      field: child.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: child.relationshipName,
      restrictedDelete: false,
    })),
    compactLayoutable: def.createable,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: def.fields.map(describeField),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: '012000000000000AAA',
        urls: { layout: `/services/data/v${version}/sobjects/${def.name}/describe/layouts/012000000000000AAA` },
      },
    ],
    searchLayoutable: def.createable,
    sobjectDescribeOption: 'FULL',
    supportedScopes: def.createable ? [{ label: 'All ' + def.labelPlural.toLowerCase(), name: 'everything' }] : [],
    urls: entryUrls,
  };
}
