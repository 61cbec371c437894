import type { EmulatorContext } from '../context';
import { sfDateTime } from '../datetime';
import { jwtKeyMaterial } from '../auth/selfSignedCertificate';
import { to18 } from '../ids';
import {
  CASE_ORIGINS,
  CASE_PRIORITIES,
  CASE_REASONS,
  CASE_STATUSES,
  CASE_SUBJECTS,
  CASE_TYPES,
  COMMENT_BODIES,
  SEED_ACCOUNTS,
  SEED_CONNECTED_APP,
  SEED_CONTACTS,
  SEED_QUEUES,
  SEED_USERS,
  QUEUE_OWNED_CASE_EVERY,
  type SeedUser,
} from './seedData';

export type SeedName = 'demo' | 'empty';

export interface SeedUserInfo {
  id: string;
  key: string;
  role: SeedUser['role'];
  name: string;
  username: string;
  email: string;
  password: string;
  securityToken: string;
}

/** What `GET /__emulator/seed` returns: every credential and Id a test or the demo needs. */
export interface SeedInfo {
  seed: SeedName;
  org: { id: string; name: string; sandbox: boolean };
  users: SeedUserInfo[];
  connectedApp: {
    name: string;
    clientId: string;
    clientSecret: string;
    runAsUserId: string;
    runAsUsername: string;
    privateKeyPem: string;
    certificatePem: string;
  };
  accountIds: string[];
  /** Queues (Group, Type Queue); every 8th demo Case is owned by one of them. */
  queueIds: string[];
  contactIds: string[];
  caseIds: string[];
  caseCommentIds: string[];
}

/** Salesforce's standard profile Ids look like this; profiles themselves are not emulated. */
const SYSTEM_ADMIN_PROFILE_ID = to18('00eDn0000000001');
const STANDARD_USER_PROFILE_ID = to18('00eDn0000000002');
const HOUR_MS = 60 * 60 * 1000;

/**
 * Empties the org and fills it with the named seed. Deterministic: the same seed yields the
 * same Ids, credentials and contents after every reset. Emits no change events.
 */
export function applySeed(ctx: EmulatorContext, seed: SeedName): SeedInfo {
  const { store, auth } = ctx;
  store.reset();
  auth.reset();
  return store.silently(() => {
    const now = ctx.clock.now();
    store.putSystemRecord('Organization', {
      Id: ctx.org.id,
      Name: ctx.org.name,
      InstanceName: ctx.org.instanceName,
      IsSandbox: ctx.org.sandbox,
      OrganizationType: 'Enterprise Edition',
      NamespacePrefix: null,
      TrialExpirationDate: null,
      CreatedDate: sfDateTime(now - 365 * 24 * HOUR_MS),
      SystemModstamp: sfDateTime(now),
    });
    const suffix = ctx.org.sandbox ? '.uat' : '';
    const users: SeedUserInfo[] = [];
    for (const seedUser of SEED_USERS) {
      const actingUser = users[0]?.id ?? '';
      const username = seedUser.email + suffix;
      const record = store.insert(
        'User',
        {
          Username: username,
          FirstName: seedUser.firstName,
          LastName: seedUser.lastName,
          Email: seedUser.email,
          Alias: seedUser.alias,
          CommunityNickname: seedUser.alias,
          TimeZoneSidKey: 'America/Los_Angeles',
          LocaleSidKey: 'en_US',
          EmailEncodingKey: 'UTF-8',
          LanguageLocaleKey: 'en_US',
          ProfileId: seedUser.role === 'agent' ? STANDARD_USER_PROFILE_ID : SYSTEM_ADMIN_PROFILE_ID,
          Title: seedUser.role === 'agent' ? 'Support Agent' : seedUser.role === 'integration' ? 'Integration User' : 'System Administrator',
          UserPermissionsSupportUser: true,
        },
        actingUser,
      );
      if (!actingUser) Object.assign(record, { CreatedById: record.Id, LastModifiedById: record.Id });
      auth.addUser({
        userId: record.Id,
        username,
        password: seedUser.password,
        securityToken: seedUser.securityToken,
        frozen: false,
        passwordExpired: false,
        apiEnabled: true,
      });
      users.push({
        id: record.Id,
        key: seedUser.key,
        role: seedUser.role,
        name: `${seedUser.firstName} ${seedUser.lastName}`,
        username,
        email: seedUser.email,
        password: seedUser.password,
        securityToken: seedUser.securityToken,
      });
    }
    const admin = seededUserWithRole(users, 'admin');
    const integration = seededUserWithRole(users, 'integration');
    const agents = users.filter((user) => user.role === 'agent');
    const keys = jwtKeyMaterial();
    auth.addConnectedApp({ ...SEED_CONNECTED_APP, certificatePem: keys.certificatePem, runAsUserId: integration.id });
    const info: SeedInfo = {
      seed,
      org: { id: ctx.org.id, name: ctx.org.name, sandbox: ctx.org.sandbox },
      users,
      connectedApp: {
        ...SEED_CONNECTED_APP,
        runAsUserId: integration.id,
        runAsUsername: integration.username,
        privateKeyPem: keys.privateKeyPem,
        certificatePem: keys.certificatePem,
      },
      accountIds: [],
      queueIds: [],
      contactIds: [],
      caseIds: [],
      caseCommentIds: [],
    };
    if (seed === 'empty') return info;

    for (const queue of SEED_QUEUES) info.queueIds.push(store.insert('Group', { ...queue, Type: 'Queue' }, admin.id).Id);
    for (const account of SEED_ACCOUNTS) info.accountIds.push(store.insert('Account', account, admin.id).Id);
    SEED_CONTACTS.forEach(([firstName, lastName, title], index) => {
      const accountIndex = index % info.accountIds.length;
      const [accountWord = ''] = cyclic(SEED_ACCOUNTS, accountIndex).Name.split(' ');
      const domain = accountWord.toLowerCase();
      const contact = store.insert(
        'Contact',
        {
          FirstName: firstName,
          LastName: lastName,
          Title: title,
          AccountId: info.accountIds[accountIndex],
          Email: `${firstName.toLowerCase()}.${lastName.toLowerCase().replace(/[^a-z]/g, '')}@${domain}.example`,
          Phone: `+1 555 01${String(index).padStart(2, '0')}`,
        },
        admin.id,
      );
      info.contactIds.push(contact.Id);
    });

    const caseCount = 50;
    for (let index = 0; index < caseCount; index++) {
      const owner = cyclic(agents, index);
      const queueOwned = index % QUEUE_OWNED_CASE_EVERY === QUEUE_OWNED_CASE_EVERY - 1;
      const ownerId = queueOwned ? cyclic(info.queueIds, Math.floor(index / QUEUE_OWNED_CASE_EVERY)) : owner.id;
      const contactIndex = (index * 3) % info.contactIds.length;
      const status = cyclic(CASE_STATUSES, index);
      const record = store.insert(
        'Case',
        {
          Subject: CASE_SUBJECTS[index % CASE_SUBJECTS.length],
          Description: `Reported by the customer on ${['the phone', 'email', 'the web form'][index % 3]}. Ticket ${index + 1} of the demo org.`,
          Status: status,
          Priority: CASE_PRIORITIES[(index * 7) % CASE_PRIORITIES.length],
          Origin: CASE_ORIGINS[index % CASE_ORIGINS.length],
          Type: CASE_TYPES[(index * 5) % CASE_TYPES.length],
          Reason: CASE_REASONS[(index * 3) % CASE_REASONS.length],
          ContactId: info.contactIds[contactIndex],
          AccountId: info.accountIds[contactIndex % info.accountIds.length],
          OwnerId: ownerId,
          IsEscalated: status === 'Escalated',
        },
        owner.id,
      );
      // Spread the Cases over the last ~30 days so date filters (LAST_N_DAYS) have something to do.
      const createdAt = now - (caseCount - index) * 14 * HOUR_MS;
      const modifiedAt = Math.min(now, createdAt + ((index % 5) + 1) * 3 * HOUR_MS);
      Object.assign(record, {
        CreatedDate: sfDateTime(createdAt),
        LastModifiedDate: sfDateTime(modifiedAt),
        SystemModstamp: sfDateTime(modifiedAt),
        ClosedDate: record.IsClosed ? sfDateTime(modifiedAt) : null,
      });
      info.caseIds.push(record.Id);
      const commentCount = index % 4 === 0 ? 0 : index % 3;
      for (let commentIndex = 0; commentIndex < commentCount; commentIndex++) {
        const author = cyclic(agents, index + commentIndex);
        const comment = store.insert(
          'CaseComment',
          { ParentId: record.Id, CommentBody: COMMENT_BODIES[(index + commentIndex) % COMMENT_BODIES.length], IsPublished: commentIndex % 2 === 0 },
          author.id,
        );
        const commentAt = sfDateTime(Math.min(now, createdAt + (commentIndex + 1) * HOUR_MS));
        Object.assign(comment, { CreatedDate: commentAt, LastModifiedDate: commentAt, SystemModstamp: commentAt });
        info.caseCommentIds.push(comment.Id);
      }
    }
    return info;
  });
}

/** The item at `index`, wrapping round the list: the demo data cycles through its lists. */
function cyclic<T>(list: readonly T[], index: number): T {
  const item = list[index % list.length];
  if (item === undefined) throw new Error('The Salesforce emulator seed cycles through an empty list');
  return item;
}

function seededUserWithRole(users: SeedInfo['users'], role: SeedInfo['users'][number]['role']): SeedInfo['users'][number] {
  const user = users.find((candidate) => candidate.role === role);
  if (!user) throw new Error(`The Salesforce emulator seed defines no ${role} user`);
  return user;
}
