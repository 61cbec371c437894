import type { SeedInfo as PagerDutySeed } from '../../emulators/pagerduty';
import type { SeedInfo as SalesforceSeed } from '../../emulators/salesforce';

/**
 * The environment variables that connect an app instance to both emulators as their seeds'
 * integration users (what an operator sets for real vendors). Tests, the reliability suite and
 * the benchmark add their own DATA_DIR, DATABASE_URL, keys and tuning.
 */
export function emulatorConnectionEnv(
  salesforce: { url: string; seed: SalesforceSeed },
  pagerduty: { url: string; seed: PagerDutySeed },
): Record<string, string> {
  const integration = salesforce.seed.users.find((user) => user.role === 'integration');
  if (!integration) throw new Error('The Salesforce emulator seed has no integration user');
  return {
    DEMO: 'false',
    PD_API_KEY: pagerduty.seed.keys.account,
    PD_API_URL: pagerduty.url,
    PD_FROM_EMAIL: pagerduty.seed.integrationUserEmail,
    SF_LOGIN_URL: salesforce.url,
    SF_USERNAME: integration.username,
    SF_PASSWORD: integration.password,
    SF_SECURITY_TOKEN: integration.securityToken,
  };
}
