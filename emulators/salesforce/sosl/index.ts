/**
 * The Salesforce emulator's SOSL: `FIND {…}` statements for the REST `search` resource and the
 * `parameterizedSearch` parameters, evaluated against the org's records. See the emulator README.
 */
export { parseSosl, type ReturningObject, type SearchGroup, type SoslStatement } from './parse';
export { executeSearch, type SearchOptions } from './execute';
