/**
 * The Salesforce emulator's SOQL engine: parses with @jetstreamapp/soql-parser-js and evaluates
 * against a SoqlDataSource. See README.md in this folder for what is and is not supported.
 */
export { executeSoql, type SoqlOptions, type SoqlResult } from './execute';
export { SoqlError, type SoqlErrorCode } from './errors';
export { queryColumns, type QueryColumn, type QueryColumns } from './columnMetadata';
