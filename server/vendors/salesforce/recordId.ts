/**
 * Salesforce record ids: 15 case-sensitive characters, or 18 with the case-safe suffix, letters
 * and digits only. jsforce joins ids into REST paths unencoded (`sobject('Case').retrieve(id)` is
 * `GET …/sobjects/Case/{id}`, a one-record update `PATCH` the same), so a value of another shape
 * is refused before any call is made.
 */
export const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function salesforceRecordId(id: string): string {
  if (!SALESFORCE_ID.test(id)) throw new TypeError(`Not a Salesforce record id (15 or 18 letters and digits): "${id}"`);
  return id;
}
