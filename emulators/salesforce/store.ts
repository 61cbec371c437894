import { randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock';
import { sfDateTime } from './datetime';
import { notFound, SalesforceError } from './errors';
import { coerceFieldValue, defaultFieldValue } from './fieldValues';
import { id15, IdGenerator, normalizeId } from './ids';
import type { FieldDef, RecordChange, SfRecord, SObjectDef, SoqlDataSource } from './model';
import { CLOSED_CASE_STATUSES } from './schema/case';
import { SchemaRegistry } from './schema/registry';

/** Not reported in change events: Salesforce leaves it out of CDC payloads. */
const UNREPORTED_FIELDS = new Set(['Id', 'IsDeleted', 'SystemModstamp']);

export type ChangeListener = (change: RecordChange) => void;

interface StoredEntry {
  sobject: SObjectDef;
  record: SfRecord;
  /** Epoch ms of the soft delete, for `sobjects/{type}/deleted`. */
  deletedAt?: number;
}

/**
 * The org's data in memory: records per object, validated like Salesforce validates them, with
 * audit fields, auto-numbers and computed fields maintained, soft deletes for `queryAll`, and a
 * change feed (one RecordChange per record per committed transaction) for Change Data Capture.
 */
export class OrgStore implements SoqlDataSource {
  readonly schema = new SchemaRegistry();
  readonly ids = new IdGenerator();
  readonly clock: Clock;
  #byObject = new Map<string, Map<string, StoredEntry>>();
  #byId15 = new Map<string, StoredEntry>();
  #listeners = new Set<ChangeListener>();
  #resetListeners = new Set<() => void>();
  #nextCaseNumber = 1001;
  #muted = false;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** Subscribes to committed changes; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called after each reset: org state kept beside the records (Bulk API jobs) goes with them. */
  onReset(listener: () => void): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  /** Empties the org: no records, standard schema, Id counters and auto-numbers restarted. */
  reset(): void {
    for (const listener of this.#resetListeners) listener();
    this.#byObject.clear();
    this.#byId15.clear();
    this.schema.reset();
    this.ids.reset();
    this.#nextCaseNumber = 1001;
  }

  // SoqlDataSource
  sobject(name: string): SObjectDef | undefined {
    return this.schema.get(name);
  }

  *records(sobjectName: string): Iterable<SfRecord> {
    const def = this.schema.get(sobjectName);
    if (!def) return;
    for (const entry of this.#byObject.get(def.name)?.values() ?? []) yield entry.record;
  }

  recordById(id: string): { sobject: SObjectDef; record: SfRecord } | undefined {
    const entry = this.#byId15.get(id15(id));
    return entry ? { sobject: entry.sobject, record: entry.record } : undefined;
  }

  /** A live (not deleted) record of the given type, or undefined. */
  find(sobjectName: string, id: string): SfRecord | undefined {
    const def = this.schema.get(sobjectName);
    const normalized = normalizeId(id);
    if (!def || !normalized) return undefined;
    const entry = this.#byId15.get(id15(normalized));
    if (!entry || entry.sobject !== def || entry.record.IsDeleted === true || entry.deletedAt !== undefined) return undefined;
    return entry.record;
  }

  /** Records whose SystemModstamp lies in [start, end], live ones only (`sobjects/{type}/updated`). */
  updatedIds(sobjectName: string, start: number, end: number): string[] {
    const def = this.requireObject(sobjectName);
    const ids: string[] = [];
    for (const entry of this.#byObject.get(def.name)?.values() ?? []) {
      if (entry.deletedAt !== undefined) continue;
      const stamp = Date.parse(String(entry.record.SystemModstamp).replace('+0000', 'Z'));
      if (stamp >= start && stamp <= end) ids.push(entry.record.Id);
    }
    return ids;
  }

  /** Records deleted in [start, end] (`sobjects/{type}/deleted`). */
  deletedRecords(sobjectName: string, start: number, end: number): { id: string; deletedDate: string }[] {
    const def = this.requireObject(sobjectName);
    const out: { id: string; deletedDate: string }[] = [];
    for (const entry of this.#byObject.get(def.name)?.values() ?? []) {
      if (entry.deletedAt !== undefined && entry.deletedAt >= start && entry.deletedAt <= end) {
        out.push({ id: entry.record.Id, deletedDate: sfDateTime(entry.deletedAt) });
      }
    }
    return out;
  }

  requireObject(name: string): SObjectDef {
    const def = this.schema.get(name);
    if (!def) throw new SalesforceError('INVALID_TYPE', `sObject type '${name}' is not supported.`);
    return def;
  }

  /**
   * Runs `work` as one transaction by `userId`. If it throws, every write it made is undone and
   * nothing is published; otherwise its changes are published in order, sharing a transactionKey.
   */
  transaction<T>(userId: string, work: (txn: Transaction) => T): T {
    const txn = new Transaction(this, userId);
    let result: T;
    try {
      result = work(txn);
    } catch (error) {
      txn.rollback();
      throw error;
    }
    this.#publish(txn.changes());
    return result;
  }

  insert(sobjectName: string, values: Record<string, unknown>, userId: string): SfRecord {
    return this.transaction(userId, (txn) => txn.insert(sobjectName, values));
  }

  update(sobjectName: string, id: string, values: Record<string, unknown>, userId: string): SfRecord {
    return this.transaction(userId, (txn) => txn.update(sobjectName, id, values));
  }

  delete(sobjectName: string, id: string, userId: string): void {
    this.transaction(userId, (txn) => txn.delete(sobjectName, id));
  }

  /**
   * Runs `work` with change events muted: seeding an org is not a change anyone subscribed to.
   */
  silently<T>(work: () => T): T {
    const previous = this.#muted;
    this.#muted = true;
    try {
      return work();
    } finally {
      this.#muted = previous;
    }
  }

  /** Stores a platform-owned record (the Organization) that no API call may create. */
  putSystemRecord(sobjectName: string, record: SfRecord): void {
    this.putEntry({ sobject: this.requireObject(sobjectName), record });
  }

  #publish(changes: RecordChange[]): void {
    if (this.#muted) return;
    for (const change of changes) {
      for (const listener of this.#listeners) {
        try {
          listener(change);
        } catch {
          // A failing subscriber must not undo a committed write nor starve the others.
        }
      }
    }
  }

  // Low-level primitives for Transaction (same module family; not for handlers).
  /** @internal */
  putEntry(entry: StoredEntry): void {
    let table = this.#byObject.get(entry.sobject.name);
    if (!table) {
      table = new Map();
      this.#byObject.set(entry.sobject.name, table);
    }
    table.set(entry.record.Id, entry);
    this.#byId15.set(id15(entry.record.Id), entry);
  }

  /** @internal */
  removeEntry(entry: StoredEntry): void {
    this.#byObject.get(entry.sobject.name)?.delete(entry.record.Id);
    this.#byId15.delete(id15(entry.record.Id));
  }

  /** @internal */
  entry(id: string): StoredEntry | undefined {
    return this.#byId15.get(id15(id));
  }

  /** @internal */
  takeCaseNumber(): string {
    return String(this.#nextCaseNumber++).padStart(8, '0');
  }

  /** @internal */
  children(sobjectName: string, field: string, parentId: string): StoredEntry[] {
    return [...(this.#byObject.get(sobjectName)?.values() ?? [])].filter((entry) => entry.deletedAt === undefined && entry.record[field] === parentId);
  }
}

/** The writes of one transaction, with an undo log for rollback (allOrNone, failed composites). */
export class Transaction {
  readonly key = randomUUID();
  readonly #store: OrgStore;
  readonly #userId: string;
  #undo: (() => void)[] = [];
  #changes: RecordChange[] = [];

  constructor(store: OrgStore, userId: string) {
    this.#store = store;
    this.#userId = userId;
  }

  changes(): RecordChange[] {
    return this.#changes;
  }

  rollback(): void {
    for (const undo of this.#undo.reverse()) undo();
    this.#undo = [];
    this.#changes = [];
  }

  /** Runs `work` so that, if it throws, only its own writes are undone (one record of a batch). */
  savepoint<T>(work: () => T): T {
    const undoLength = this.#undo.length;
    const changeLength = this.#changes.length;
    try {
      return work();
    } catch (error) {
      for (const undo of this.#undo.splice(undoLength).reverse()) undo();
      this.#changes.splice(changeLength);
      throw error;
    }
  }

  insert(sobjectName: string, values: Record<string, unknown>): SfRecord {
    const def = this.#store.requireObject(sobjectName);
    if (!def.createable) throw new SalesforceError('INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support insert`, { statusCode: 400 });
    const input = this.#writableInput(def, values, 'create');
    const now = this.#store.clock.now();
    const record: SfRecord = { Id: this.#store.ids.next(def.keyPrefix) };
    for (const field of def.fields) {
      if (field.name === 'Id') continue;
      record[field.name] = field.name in input ? input[field.name] : defaultFieldValue(field);
    }
    if (def.fields.some((field) => field.name === 'OwnerId') && !record.OwnerId) record.OwnerId = this.#userId;
    if (def.fields.some((field) => field.name === 'IsDeleted')) record.IsDeleted = false;
    Object.assign(record, {
      CreatedById: this.#userId,
      CreatedDate: sfDateTime(now),
      LastModifiedById: this.#userId,
      LastModifiedDate: sfDateTime(now),
      SystemModstamp: sfDateTime(now),
    });
    this.#applyComputedFields(def, record, undefined, now);
    const missing = def.fields.filter(
      (field) => !field.nillable && field.createable && !field.defaultedOnCreate && (record[field.name] === null || record[field.name] === undefined),
    );
    if (missing.length > 0) {
      throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.map((f) => f.name).join(', ')}]`, {
        fields: missing.map((f) => f.name),
      });
    }
    this.#checkReferences(def, record, Object.keys(input));
    const entry = { sobject: def, record };
    this.#store.putEntry(entry);
    this.#undo.push(() => this.#store.removeEntry(entry));
    const populated = Object.keys(record).filter((name) => !UNREPORTED_FIELDS.has(name) && record[name] !== null);
    this.#recordChange(def, 'CREATE', record.Id, populated, [], Object.fromEntries(populated.map((name) => [name, record[name]])), now);
    return record;
  }

  update(sobjectName: string, id: string, values: Record<string, unknown>): SfRecord {
    const def = this.#store.requireObject(sobjectName);
    const record = this.#store.find(def.name, id);
    if (!record) throw notFoundForWrite(id);
    if (!def.updateable) throw new SalesforceError('INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support update`);
    const input = this.#writableInput(def, values, 'update');
    const nowMs = this.#store.clock.now();
    const before = { ...record };
    const next: SfRecord = { ...record, ...input };
    for (const field of def.fields) {
      if (field.name in input && !field.nillable && field.type !== 'boolean' && input[field.name] === null) {
        throw new SalesforceError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${field.name}]`, { fields: [field.name] });
      }
    }
    this.#checkReferences(def, next, Object.keys(input));
    Object.assign(next, { LastModifiedById: this.#userId, LastModifiedDate: sfDateTime(nowMs), SystemModstamp: sfDateTime(nowMs) });
    this.#applyComputedFields(def, next, before, nowMs);
    Object.assign(record, next);
    this.#undo.push(() => {
      // Restored in place: the store's indexes and callers hold this very object.
      for (const key of Object.keys(record)) Reflect.deleteProperty(record, key);
      Object.assign(record, before);
    });
    const changed = Object.keys(record).filter((name) => !UNREPORTED_FIELDS.has(name) && record[name] !== before[name]);
    const nulled = changed.filter((name) => record[name] === null);
    this.#recordChange(def, 'UPDATE', record.Id, changed, nulled, Object.fromEntries(changed.map((name) => [name, record[name]])), nowMs);
    return record;
  }

  delete(sobjectName: string, id: string): void {
    const def = this.#store.requireObject(sobjectName);
    const record = this.#store.find(def.name, id);
    if (!record) throw notFoundForWrite(id);
    if (!def.deletable) throw new SalesforceError('INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support delete`);
    const now = this.#store.clock.now();
    // Deleting a Case deletes its comments, as the platform's cascade does.
    for (const child of def.childRelationships) {
      if (child.childSObject === 'CaseComment') {
        for (const entry of this.#store.children(child.childSObject, child.field, record.Id)) this.delete(child.childSObject, entry.record.Id);
      }
    }
    const entry = this.#store.entry(record.Id);
    if (!entry) throw new Error(`The store found ${def.name} ${record.Id} but has no entry for it`);
    const before = { ...record };
    record.IsDeleted = true;
    record.SystemModstamp = sfDateTime(now);
    entry.deletedAt = now;
    this.#undo.push(() => {
      Object.assign(record, before);
      delete entry.deletedAt;
    });
    this.#recordChange(def, 'DELETE', record.Id, [], [], {}, now);
  }

  /** Validates field names and writability, then coerces values; returns field name → value. */
  #writableInput(def: SObjectDef, values: Record<string, unknown>, mode: 'create' | 'update'): Record<string, unknown> {
    const input: Record<string, unknown> = {};
    const forbidden: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      if (name === 'attributes') continue;
      if (name === 'Id' && mode === 'update') continue;
      if (name === 'Id') {
        throw new SalesforceError(
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          'Unable to create/update fields: Id. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
          { fields: ['Id'] },
        );
      }
      const field = findField(def, name);
      if (!field) throw new SalesforceError('INVALID_FIELD', `No such column '${name}' on sobject of type ${def.name}`);
      if (mode === 'create' ? !field.createable : !field.updateable) {
        forbidden.push(field.name);
        continue;
      }
      input[field.name] = coerceFieldValue(field, value);
    }
    if (forbidden.length > 0) {
      throw new SalesforceError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${forbidden.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        { fields: forbidden },
      );
    }
    return input;
  }

  /** Lookups to emulated objects must name a live record of the right type. */
  #checkReferences(def: SObjectDef, record: SfRecord, touched: string[]): void {
    for (const name of touched) {
      const field = findField(def, name);
      const value = record[name];
      if (!field || field.type !== 'reference' || typeof value !== 'string') continue;
      const emulatedTargets = field.referenceTo.filter((target) => this.#store.schema.get(target));
      if (emulatedTargets.length === 0) continue;
      const target = this.#store.recordById(value);
      if (!target || !field.referenceTo.includes(target.sobject.name)) {
        const prefixOwner = this.#store.schema.byKeyPrefix(value.slice(0, 3));
        if (prefixOwner && !field.referenceTo.includes(prefixOwner.name)) {
          throw new SalesforceError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${value}`, { fields: [field.name] });
        }
        if (field.referenceTo.every((t) => this.#store.schema.get(t))) {
          throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, { fields: [field.name] });
        }
        continue;
      }
      if (target.record.IsDeleted === true) {
        throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted', { fields: [field.name] });
      }
    }
  }

  #applyComputedFields(def: SObjectDef, record: SfRecord, before: SfRecord | undefined, now: number): void {
    if (def.name === 'Contact' || def.name === 'User') {
      record.Name = [record.FirstName, record.LastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
    }
    if (def.name !== 'Case') return;
    if (!before) record.CaseNumber = this.#store.takeCaseNumber();
    const closed = typeof record.Status === 'string' && CLOSED_CASE_STATUSES.has(record.Status);
    record.IsClosed = closed;
    if (!before) record.IsClosedOnCreate = closed;
    if (closed && !(before?.IsClosed === true)) record.ClosedDate = sfDateTime(now);
    if (!closed) record.ClosedDate = null;
    if (!before || before.ContactId !== record.ContactId) {
      const contact = typeof record.ContactId === 'string' ? this.#store.find('Contact', record.ContactId) : undefined;
      record.ContactEmail = contact?.Email ?? null;
      record.ContactPhone = contact?.Phone ?? null;
      record.ContactMobile = contact?.MobilePhone ?? null;
      record.ContactFax = contact?.Fax ?? null;
    }
  }

  #recordChange(
    def: SObjectDef,
    changeType: RecordChange['changeType'],
    id: string,
    changedFields: string[],
    nulledFields: string[],
    values: Record<string, unknown>,
    now: number,
  ): void {
    this.#changes.push({
      entityName: def.name,
      changeType,
      recordIds: [id],
      changedFields,
      nulledFields,
      values,
      commitUser: this.#userId,
      commitTimestamp: now,
      transactionKey: this.key,
      sequenceNumber: this.#changes.length + 1,
    });
  }
}

export function findField(def: SObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return def.fields.find((field) => field.name.toLowerCase() === lower);
}

function notFoundForWrite(id: string): SalesforceError {
  return normalizeId(id) ? notFound() : new SalesforceError('MALFORMED_ID', `Record ID: id value of incorrect type: ${id}`, { statusCode: 400 });
}
