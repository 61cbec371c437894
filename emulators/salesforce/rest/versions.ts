const LATEST_MAJOR_VERSION = 66;

/** The newest API version served. */
export const LATEST_API_VERSION = `${LATEST_MAJOR_VERSION}.0`;

/** The API versions served, oldest first (jsforce and @salesforce/core pick from these). */
export function supportedApiVersions(): string[] {
  const versions: string[] = [];
  for (let major = 20; major <= LATEST_MAJOR_VERSION; major++) versions.push(`${major}.0`);
  return versions;
}

/** Release name of an API version: 59.0 → "Winter '24", 60.0 → "Spring '24". */
export function releaseLabel(version: string): string {
  const offset = Number.parseInt(version, 10) - 59;
  const turn = ((offset % 3) + 3) % 3;
  const season = turn === 0 ? 'Winter' : turn === 1 ? 'Spring' : 'Summer';
  const year = 24 + Math.floor(offset / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

/** `GET /services/data` body. */
export function versionsDocument(versions: string[]) {
  return versions.map((version) => ({ label: releaseLabel(version), url: `/services/data/v${version}`, version }));
}
