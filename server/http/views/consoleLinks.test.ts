import { describe, expect, it } from 'vitest';
import { SalesforceConsoleLinks, type InstanceUrlSource } from './consoleLinks';

const CASE_ID = '500000000000001AAA';

function signedIn(instanceUrl: string): InstanceUrlSource {
  return { connection: () => Promise.resolve({ instanceUrl }) };
}

describe('SalesforceConsoleLinks', () => {
  it('links a Case to its Lightning record page in a real org', async () => {
    const links = new SalesforceConsoleLinks(signedIn('https://acme.my.salesforce.com/'), {});
    expect((await links.caseUrlOf())(CASE_ID)).toBe(`https://acme.my.salesforce.com/lightning/r/Case/${CASE_ID}/view`);
  });

  it('links a Case to the same address on the Salesforce emulator, whose console answers there', async () => {
    const links = new SalesforceConsoleLinks(signedIn('http://127.0.0.1:4010'), {});
    expect((await links.caseUrlOf())(CASE_ID)).toBe(`http://127.0.0.1:4010/lightning/r/Case/${CASE_ID}/view`);
  });

  it('answers without links while Salesforce cannot be reached, and asks again only after a while', async () => {
    let now = 0;
    let calls = 0;
    const failing: InstanceUrlSource = {
      connection: () => {
        calls += 1;
        return Promise.reject(new Error('ECONNREFUSED'));
      },
    };
    const links = new SalesforceConsoleLinks(failing, { retryAfterMs: 1_000, now: () => now });
    expect((await links.caseUrlOf())(CASE_ID)).toBeNull();
    expect((await links.caseUrlOf())(CASE_ID)).toBeNull();
    expect(calls).toBe(1);
    now = 1_000;
    await links.caseUrlOf();
    expect(calls).toBe(2);
  });
});
