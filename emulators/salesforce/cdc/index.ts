/** Change Data Capture for the Salesforce emulator: a CometD (Bayeux) broker. See README.md. */
export { createCdcBroker, type CdcBroker, type CdcBrokerOptions } from './broker';
export { ALL_CHANGE_EVENTS_CHANNEL, entityChannel } from './channels';
export type { ChangeEventData, ChangeEventHeader } from './changeEventMessage';
