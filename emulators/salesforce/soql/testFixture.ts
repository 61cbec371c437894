import type { FieldDef, FieldType, SObjectDef, SfRecord, SoqlDataSource } from '../model';

/**
 * A small in-memory org for the SOQL engine's tests: User, Account and Case with the field
 * types the engine distinguishes, and a handful of records with nulls in useful places.
 */

function field(name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return {
    name,
    label: name,
    type,
    length: type === 'string' ? 255 : 0,
    nillable: true,
    createable: true,
    updateable: true,
    defaultedOnCreate: false,
    filterable: true,
    sortable: true,
    calculated: false,
    autoNumber: false,
    custom: name.endsWith('__c'),
    externalId: false,
    unique: false,
    nameField: false,
    restrictedPicklist: false,
    picklistValues: [],
    referenceTo: [],
    relationshipName: null,
    precision: 0,
    scale: 0,
    ...extra,
  };
}

function picklist(name: string, values: string[], type: FieldType = 'picklist'): FieldDef {
  return field(name, type, {
    picklistValues: values.map((value) => ({ value, label: value, active: true, defaultValue: false })),
  });
}

function reference(name: string, referenceTo: string[], relationshipName: string): FieldDef {
  return field(name, 'reference', { referenceTo, relationshipName });
}

function sobject(name: string, keyPrefix: string, fields: FieldDef[]): SObjectDef {
  return {
    name,
    label: name,
    labelPlural: `${name}s`,
    keyPrefix,
    custom: false,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    fields: [field('Id', 'id'), field('IsDeleted', 'boolean'), ...fields],
    childRelationships: [],
  };
}

export const userObject = sobject('User', '005', [
  field('Name', 'string'),
  field('Email', 'email'),
  reference('ManagerId', ['User'], 'Manager'),
  field('IsActive', 'boolean'),
]);

export const accountObject = sobject('Account', '001', [
  field('Name', 'string'),
  picklist('Industry', ['Technology', 'Energy', 'Retail']),
  reference('OwnerId', ['User'], 'Owner'),
  field('AnnualRevenue', 'currency'),
  field('NumberOfEmployees', 'int'),
]);

export const caseObject = sobject('Case', '500', [
  field('CaseNumber', 'string'),
  field('Subject', 'string'),
  picklist('Status', ['New', 'Working', 'Escalated', 'Closed']),
  picklist('Priority', ['High', 'Medium', 'Low']),
  reference('AccountId', ['Account'], 'Account'),
  reference('OwnerId', ['Group', 'User'], 'Owner'),
  reference('CreatedById', ['User'], 'CreatedBy'),
  field('CreatedDate', 'datetime'),
  field('ClosedDate', 'datetime'),
  field('Description', 'textarea', { length: 32000, filterable: false, sortable: false }),
  field('IsEscalated', 'boolean'),
  field('DueDate__c', 'date'),
  field('Score__c', 'double'),
  picklist('Tags__c', ['Billing', 'Outage', 'VIP'], 'multipicklist'),
]);

export const caseCommentObject = sobject('CaseComment', '00a', [
  reference('ParentId', ['Case'], 'Parent'),
  field('CommentBody', 'textarea', { length: 4000, filterable: false, sortable: false }),
  field('IsPublished', 'boolean'),
  field('CreatedDate', 'datetime'),
]);
caseObject.childRelationships.push({ childSObject: 'CaseComment', field: 'ParentId', relationshipName: 'CaseComments' });
accountObject.childRelationships.push({ childSObject: 'Case', field: 'AccountId', relationshipName: 'Cases' });

export function fakeId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(12, '0')}AAA`;
}

export const ids = {
  comment1: fakeId('00a', 1),
  comment2: fakeId('00a', 2),
  comment3: fakeId('00a', 3),
  comment4: fakeId('00a', 4),
  alice: fakeId('005', 1),
  bob: fakeId('005', 2),
  carol: fakeId('005', 3),
  acme: fakeId('001', 1),
  globex: fakeId('001', 2),
  initech: fakeId('001', 3),
};

/** Now for every date-literal test: Wednesday 13 March 2024, 15:30 UTC (week began Sunday the 10th). */
export const NOW = new Date('2024-03-13T15:30:00.000Z');

export class MemorySource implements SoqlDataSource {
  private readonly objects = new Map<string, SObjectDef>();
  private readonly rows = new Map<string, SfRecord[]>();
  private readonly byId = new Map<string, { sobject: SObjectDef; record: SfRecord }>();

  constructor(definitions: SObjectDef[]) {
    for (const definition of definitions) {
      this.objects.set(definition.name.toLowerCase(), definition);
      this.rows.set(definition.name, []);
    }
  }

  add(sobjectName: string, record: SfRecord): this {
    const definition = this.objects.get(sobjectName.toLowerCase());
    if (!definition) throw new Error(`fixture has no ${sobjectName}`);
    this.rows.get(definition.name)?.push(record);
    this.byId.set(record.Id, { sobject: definition, record });
    return this;
  }

  sobject(name: string): SObjectDef | undefined {
    return this.objects.get(name.toLowerCase());
  }

  records(sobjectName: string): Iterable<SfRecord> {
    return this.rows.get(sobjectName) ?? [];
  }

  recordById(id: string) {
    return this.byId.get(id);
  }
}

interface CaseSeed {
  n: number;
  subject: string | null;
  status: string;
  priority?: string | null;
  account?: string | null;
  owner?: string;
  created: string;
  closed?: string | null;
  escalated?: boolean;
  due?: string | null;
  score?: number | null;
  tags?: string | null;
  deleted?: boolean;
}

const CASES: CaseSeed[] = [
  {
    n: 1,
    subject: 'Printer on fire',
    status: 'New',
    priority: 'High',
    account: ids.acme,
    owner: ids.alice,
    created: '2024-03-13T09:00:00.000+0000',
    escalated: true,
    due: '2024-03-13',
    score: 9.5,
    tags: 'Outage;VIP',
  },
  {
    n: 2,
    subject: "Can't log in",
    status: 'Working',
    priority: 'Medium',
    account: ids.globex,
    owner: ids.bob,
    created: '2024-03-12T23:59:59.000+0000',
    due: '2024-03-14',
    score: 4,
    tags: 'Billing',
  },
  {
    n: 3,
    subject: '100% CPU_usage',
    status: 'Escalated',
    priority: 'Low',
    account: null,
    owner: ids.alice,
    created: '2024-03-10T00:00:00.000+0000',
    due: null,
    score: null,
    tags: null,
  },
  {
    n: 4,
    subject: 'Invoice wrong',
    status: 'Closed',
    priority: 'High',
    account: ids.acme,
    owner: ids.carol,
    created: '2024-02-20T12:00:00.000+0000',
    closed: '2024-03-01T08:00:00.000+0000',
    due: '2024-02-29',
    score: 7,
    tags: 'Billing;VIP',
  },
  {
    n: 5,
    subject: null,
    status: 'New',
    priority: null,
    account: ids.initech,
    owner: ids.bob,
    created: '2024-03-09T18:00:00.000+0000',
    due: '2024-03-20',
    score: 1.25,
  },
  {
    n: 6,
    subject: 'old ticket',
    status: 'Closed',
    priority: 'Low',
    account: ids.globex,
    owner: ids.carol,
    created: '2023-12-31T23:00:00.000+0000',
    closed: '2024-01-02T10:00:00.000+0000',
    due: '2024-01-01',
    score: 2,
  },
  {
    n: 7,
    subject: 'Deleted one',
    status: 'New',
    priority: 'Medium',
    account: ids.acme,
    owner: ids.alice,
    created: '2024-03-13T10:00:00.000+0000',
    deleted: true,
  },
];

export function caseId(n: number): string {
  return fakeId('500', n);
}

/**
 * The fixture org: 3 users (carol → bob → alice managers), 3 accounts, 7 Cases (one deleted),
 * 4 Case comments (two on Case 1, one on Case 2, one deleted on Case 4).
 */
export function fixtureSource(): MemorySource {
  // Cloned so a test may add fields to its own describe without affecting others.
  const source = new MemorySource([userObject, accountObject, caseObject, caseCommentObject].map((definition) => structuredClone(definition)));
  source
    .add('User', { Id: ids.alice, IsDeleted: false, Name: 'Alice Admin', Email: 'alice@example.com', ManagerId: null, IsActive: true })
    .add('User', { Id: ids.bob, IsDeleted: false, Name: 'Bob Builder', Email: 'bob@example.com', ManagerId: ids.alice, IsActive: true })
    .add('User', { Id: ids.carol, IsDeleted: false, Name: 'Carol Chen', Email: 'carol@example.com', ManagerId: ids.bob, IsActive: false })
    .add('Account', {
      Id: ids.acme,
      IsDeleted: false,
      Name: 'Acme',
      Industry: 'Technology',
      OwnerId: ids.bob,
      AnnualRevenue: 5_000_000,
      NumberOfEmployees: 120,
    })
    .add('Account', { Id: ids.globex, IsDeleted: false, Name: 'Globex', Industry: 'Energy', OwnerId: ids.carol, AnnualRevenue: null, NumberOfEmployees: 40 })
    .add('Account', { Id: ids.initech, IsDeleted: false, Name: 'Initech', Industry: null, OwnerId: null, AnnualRevenue: 750_000.5, NumberOfEmployees: null });
  for (const seed of CASES) {
    source.add('Case', {
      Id: caseId(seed.n),
      IsDeleted: seed.deleted ?? false,
      CaseNumber: String(seed.n).padStart(8, '0'),
      Subject: seed.subject,
      Status: seed.status,
      Priority: seed.priority ?? null,
      AccountId: seed.account ?? null,
      OwnerId: seed.owner ?? ids.alice,
      CreatedById: ids.alice,
      CreatedDate: seed.created,
      ClosedDate: seed.closed ?? null,
      Description: `Description of case ${seed.n}`,
      IsEscalated: seed.escalated ?? false,
      DueDate__c: seed.due ?? null,
      Score__c: seed.score ?? null,
      Tags__c: seed.tags ?? null,
    });
  }
  source
    .add('CaseComment', {
      Id: ids.comment1,
      IsDeleted: false,
      ParentId: caseId(1),
      CommentBody: 'Smoke seen',
      IsPublished: false,
      CreatedDate: '2024-03-13T09:05:00.000+0000',
    })
    .add('CaseComment', {
      Id: ids.comment2,
      IsDeleted: false,
      ParentId: caseId(2),
      CommentBody: 'Reset link sent',
      IsPublished: true,
      CreatedDate: '2024-03-13T08:00:00.000+0000',
    })
    .add('CaseComment', {
      Id: ids.comment3,
      IsDeleted: false,
      ParentId: caseId(1),
      CommentBody: 'Extinguished',
      IsPublished: true,
      CreatedDate: '2024-03-13T09:01:00.000+0000',
    })
    .add('CaseComment', {
      Id: ids.comment4,
      IsDeleted: true,
      ParentId: caseId(4),
      CommentBody: 'Removed',
      IsPublished: true,
      CreatedDate: '2024-03-01T09:00:00.000+0000',
    });
  return source;
}
