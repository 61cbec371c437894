/** A Case of the demo org as the Salesforce emulator's console lists it. */
export interface ConsoleCase {
  CaseNumber: string;
  Subject: string;
  Status: string;
  Priority: string;
}

/**
 * A Case the README's step 2 fits (Status New, Priority below High), read from the Salesforce
 * emulator console's own JSON API: raising it to High is a change the pager rule acts on.
 */
export async function caseToRaise(salesforceUrl: string): Promise<ConsoleCase> {
  const response = await fetch(`${salesforceUrl}/__emulator/console/cases`);
  const { cases } = (await response.json()) as { cases: ConsoleCase[] };
  const found = cases.find((item) => item.Status === 'New' && item.Priority !== 'High');
  if (!found) throw new Error('The demo org has no Case with Status New below Priority High');
  return found;
}
