/** The demo org's fixed content: people, companies and the support cases between them. */

export interface SeedUser {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  alias: string;
  role: 'admin' | 'integration' | 'agent';
  password: string;
  securityToken: string;
}

export const SEED_USERS: SeedUser[] = [
  {
    key: 'admin',
    firstName: 'Ada',
    lastName: 'Admin',
    email: 'ada.admin@acme-support.example',
    alias: 'aadmin',
    role: 'admin',
    password: 'Admin-Pass-2024',
    securityToken: 'ADMINTOKEN0000000000001',
  },
  {
    key: 'integration',
    firstName: 'PagerDuty',
    lastName: 'Integration',
    email: 'integration@acme-support.example',
    alias: 'pdint',
    role: 'integration',
    password: 'Integration-Pass-2024',
    securityToken: 'INTEGRATIONTOKEN0000001',
  },
  {
    key: 'agent1',
    firstName: 'Alice',
    lastName: 'Nguyen',
    email: 'alice.nguyen@acme-support.example',
    alias: 'anguyen',
    role: 'agent',
    password: 'Agent-Pass-2024',
    securityToken: 'AGENTTOKENALICE00000001',
  },
  {
    key: 'agent2',
    firstName: 'Bruno',
    lastName: 'Costa',
    email: 'bruno.costa@acme-support.example',
    alias: 'bcosta',
    role: 'agent',
    password: 'Agent-Pass-2024',
    securityToken: 'AGENTTOKENBRUNO00000001',
  },
  {
    key: 'agent3',
    firstName: 'Chidi',
    lastName: 'Okafor',
    email: 'chidi.okafor@acme-support.example',
    alias: 'cokafor',
    role: 'agent',
    password: 'Agent-Pass-2024',
    securityToken: 'AGENTTOKENCHIDI00000001',
  },
];

export const SEED_ACCOUNTS = [
  {
    Name: 'Acme Corporation',
    Industry: 'Manufacturing',
    Type: 'Customer - Direct',
    Phone: '+1 415 555 0100',
    BillingCity: 'San Francisco',
    BillingCountry: 'USA',
  },
  { Name: 'Globex Logistics', Industry: 'Transportation', Type: 'Customer - Direct', Phone: '+1 312 555 0142', BillingCity: 'Chicago', BillingCountry: 'USA' },
  { Name: 'Initech Software', Industry: 'Technology', Type: 'Customer - Channel', Phone: '+1 512 555 0199', BillingCity: 'Austin', BillingCountry: 'USA' },
  {
    Name: 'Umbrella Health',
    Industry: 'Healthcare',
    Type: 'Customer - Direct',
    Phone: '+44 20 7946 0018',
    BillingCity: 'London',
    BillingCountry: 'United Kingdom',
  },
  { Name: 'Stark Energy', Industry: 'Energy', Type: 'Prospect', Phone: '+49 30 5550 1234', BillingCity: 'Berlin', BillingCountry: 'Germany' },
];

/** Queues (Groups of Type Queue) that own some of the demo's Cases, as support orgs route them. */
export const SEED_QUEUES = [
  { Name: 'Tier 2 Support', DeveloperName: 'Tier_2_Support', Email: 'tier2@acme-support.example' },
  { Name: 'Escalations', DeveloperName: 'Escalations', Email: 'escalations@acme-support.example' },
];

/** Every this-many-th demo Case waits in a queue instead of being owned by an agent. */
export const QUEUE_OWNED_CASE_EVERY = 8;

export const SEED_CONTACTS = [
  ['Maria', 'Lopez', 'VP Operations'],
  ['John', 'Smith', 'IT Manager'],
  ['Priya', 'Patel', 'Site Reliability Lead'],
  ['Tom', 'Becker', 'Support Coordinator'],
  ['Yuki', 'Tanaka', 'Network Engineer'],
  ['Sara', 'Haddad', 'CTO'],
  ['Liam', "O'Brien", 'Facilities Manager'],
  ['Emma', 'Dubois', 'Service Owner'],
  ['Noah', 'Kim', 'DevOps Engineer'],
  ['Olga', 'Ivanova', 'Procurement'],
] as const;

export const CASE_SUBJECTS = [
  'Checkout page returns HTTP 500',
  'Login via SSO fails for EU users',
  'Invoices not generated for March',
  'API latency above 2 seconds',
  'Mobile app crashes on startup',
  'Password reset emails not delivered',
  'Data export stuck at 99%',
  'Printer driver incompatible with firmware 4.2',
  'Dashboard charts show no data',
  'Webhook deliveries delayed',
  'Conveyor belt sensor reports false alarms',
  'VPN tunnel drops every hour',
  'Search results missing new products',
  'Duplicate shipment notifications',
  'Billing address cannot be updated',
  'Report scheduler skipped nightly run',
  'Thermostat controller offline',
  'Certificate expiry warning on portal',
  'Bulk upload rejects valid CSV',
  'Support chat widget not loading',
  'Order sync to ERP failing',
  'Backup job exceeded maintenance window',
  'Two-factor codes arrive late',
  'Generator failed weekly self-test',
  'Customer portal shows wrong currency',
];

export const CASE_STATUSES = ['New', 'New', 'Working', 'Working', 'Escalated', 'Closed'] as const;
export const CASE_PRIORITIES = ['High', 'Medium', 'Medium', 'Low'] as const;
export const CASE_ORIGINS = ['Phone', 'Email', 'Web'] as const;
export const CASE_TYPES = ['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other'] as const;
export const CASE_REASONS = ['Installation', 'Equipment Complexity', 'Performance', 'Breakdown', 'Equipment Design', 'Feedback', 'Other'] as const;

export const COMMENT_BODIES = [
  'Reproduced the issue on our staging environment.',
  'Customer confirmed the workaround helps for now.',
  'Escalated to the platform team for a fix.',
  'Waiting on logs from the customer.',
  'Deployed a patch; monitoring for recurrence.',
  'Called the customer and walked through the steps.',
];

/** The connected app the product uses (OAuth password, client credentials, JWT bearer). */
export const SEED_CONNECTED_APP = {
  name: 'PagerDuty Connector',
  clientId: '3MVG9emulatorPagerDutyConnectorClientId.7c1d2f0e5a9b4c3d8e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6',
  clientSecret: 'E5F0C1D2B3A4968778695A4B3C2D1E0F0123456789ABCDEF0123456789ABCDEF',
};
