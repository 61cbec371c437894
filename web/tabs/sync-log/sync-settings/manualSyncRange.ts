import { formatDateTime } from '../../../format/dateTime';

/**
 * What "Run full sync" reads, said beside the button: the Cases changed since the saved start
 * date (the one the server uses), and a word when the form shows another one not saved yet.
 */
export function fullSyncRange(savedStartDate: string, shownStartDate: string, format: (iso: string) => string = formatDateTime): string {
  const range = `Full sync reads Cases changed since ${format(savedStartDate)}.`;
  return Date.parse(savedStartDate) === Date.parse(shownStartDate) ? range : `${range} Save to read from the start date above instead.`;
}
