/**
 * Change Data Capture channel names: `/data/<Entity>ChangeEvent` carries one object's changes,
 * `/data/ChangeEvents` carries every object's. Custom objects drop the `__c` suffix and add
 * `__ChangeEvent` (`/data/Ticket__ChangeEvent`), as Salesforce names them.
 */

export const ALL_CHANGE_EVENTS_CHANNEL = '/data/ChangeEvents';

/** Which events a channel carries. */
export type ChannelSelector = { kind: 'all' } | { kind: 'entity'; entityName: string };

const ENTITY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const STANDARD_ENTITY_CHANNEL = /^\/data\/([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)ChangeEvent$/;
const CUSTOM_ENTITY_CHANNEL = /^\/data\/([A-Za-z][A-Za-z0-9_]*)__ChangeEvent$/;

export function isValidEntityName(name: string): boolean {
  return ENTITY_NAME.test(name);
}

/** The object's own channel: `Case` → `/data/CaseChangeEvent`, `Ticket__c` → `/data/Ticket__ChangeEvent`. */
export function entityChannel(entityName: string): string {
  return entityName.endsWith('__c') ? `/data/${entityName.slice(0, -'__c'.length)}__ChangeEvent` : `/data/${entityName}ChangeEvent`;
}

/** Parses a subscription channel; undefined when it is not a change event channel. */
export function parseChannel(channel: string): ChannelSelector | undefined {
  if (channel === ALL_CHANGE_EVENTS_CHANNEL) return { kind: 'all' };
  const custom = CUSTOM_ENTITY_CHANNEL.exec(channel)?.[1];
  if (custom !== undefined) return { kind: 'entity', entityName: `${custom}__c` };
  const standard = STANDARD_ENTITY_CHANNEL.exec(channel)?.[1];
  if (standard !== undefined) return { kind: 'entity', entityName: standard };
  return undefined;
}

/**
 * Object names match case-insensitively, as the store looks objects up, so a channel accepted
 * for `case` does not then sit silent while `Case` events flow.
 */
export function channelCarries(selector: ChannelSelector, entityName: string): boolean {
  return selector.kind === 'all' || selector.entityName.toLowerCase() === entityName.toLowerCase();
}
