import type { Request } from 'express';
import { invalidInput } from './errors';

type Query = Request['query'];

/** `name[]=a&name[]=b` (PagerDuty's form), also `name=a` and comma lists; empty when absent. */
export function arrayParam(query: Query, name: string): string[] {
  const values: string[] = [];
  for (const key of [`${name}[]`, name]) {
    const raw = query[key];
    const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    for (const item of list) {
      if (typeof item !== 'string') throw invalidInput(`${name} must be a list of strings.`);
      values.push(
        ...item
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      );
    }
  }
  return values;
}

export function stringParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw invalidInput(`${name} must be a single string.`);
  return raw;
}

export function booleanParam(query: Query, name: string): boolean {
  const raw = stringParam(query, name);
  if (raw === undefined) return false;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw invalidInput(`${name} must be true or false.`);
}

export function dateParam(query: Query, name: string): number | undefined {
  const raw = stringParam(query, name);
  if (raw === undefined) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) throw invalidInput(`${name} must be an ISO 8601 date-time.`);
  return at;
}
