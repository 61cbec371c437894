import type { Request } from 'express';
import type { EmulatorContext } from '../context';
import { instanceUrl, loginUrl } from './loginHosts';

/** `{loginUrl}/id/{orgId}/{userId}`: jsforce reads the user and org Ids from its last two parts. */
export function identityUrl(req: Request, ctx: EmulatorContext, userId: string): string {
  return `${loginUrl(req)}/id/${ctx.org.id}/${userId}`;
}

/** The `/services/oauth2/userinfo` document (also served at the identity URL). */
export function userInfoDocument(req: Request, ctx: EmulatorContext, userId: string) {
  const user = ctx.store.find('User', userId);
  const base = instanceUrl(req);
  const version = ctx.apiVersions.at(-1);
  if (version === undefined) throw new Error('The Salesforce emulator serves no API version');
  const urlFor = (path: string) => `${base}${path}`.replace('{version}', version);
  return {
    sub: identityUrl(req, ctx, userId),
    user_id: userId,
    organization_id: ctx.org.id,
    preferred_username: user?.Username ?? null,
    nickname: user?.CommunityNickname ?? null,
    name: user?.Name ?? null,
    email: user?.Email ?? null,
    email_verified: true,
    given_name: user?.FirstName ?? null,
    family_name: user?.LastName ?? null,
    zoneinfo: user?.TimeZoneSidKey ?? 'America/Los_Angeles',
    photos: { picture: `${base}/profilephoto/005/F`, thumbnail: `${base}/profilephoto/005/T` },
    profile: `${base}/${userId}`,
    picture: `${base}/profilephoto/005/F`,
    address: {},
    is_salesforce_integration_user: false,
    urls: {
      enterprise: urlFor(`/services/Soap/c/{version}/${ctx.org.id}`),
      metadata: urlFor(`/services/Soap/m/{version}/${ctx.org.id}`),
      partner: urlFor(`/services/Soap/u/{version}/${ctx.org.id}`),
      rest: urlFor('/services/data/v{version}/'),
      sobjects: urlFor('/services/data/v{version}/sobjects/'),
      search: urlFor('/services/data/v{version}/search/'),
      query: urlFor('/services/data/v{version}/query/'),
      recent: urlFor('/services/data/v{version}/recent/'),
      tooling_soap: urlFor(`/services/Soap/T/{version}/${ctx.org.id}`),
      tooling_rest: urlFor('/services/data/v{version}/tooling/'),
      profile: `${base}/${userId}`,
      feeds: urlFor('/services/data/v{version}/chatter/feeds'),
      groups: urlFor('/services/data/v{version}/chatter/groups'),
      users: urlFor('/services/data/v{version}/chatter/users'),
      feed_items: urlFor('/services/data/v{version}/chatter/feed-items'),
      feed_elements: urlFor('/services/data/v{version}/chatter/feed-elements'),
      custom_domain: base,
    },
    active: user?.IsActive !== false,
    user_type: 'STANDARD',
    language: user?.LanguageLocaleKey ?? 'en_US',
    locale: user?.LocaleSidKey ?? 'en_US',
    utcOffset: 0,
    updated_at: user?.LastModifiedDate ?? null,
    is_lightning_login_user: false,
  };
}

/** The identity URL document (`GET {loginUrl}/id/{orgId}/{userId}`), which jsforce's `identity()` reads. */
export function identityDocument(req: Request, ctx: EmulatorContext, userId: string) {
  const info = userInfoDocument(req, ctx, userId);
  const user = ctx.store.find('User', userId);
  return {
    id: info.sub,
    asserted_user: true,
    user_id: userId,
    organization_id: ctx.org.id,
    username: info.preferred_username,
    nick_name: info.nickname,
    display_name: info.name,
    email: info.email,
    email_verified: true,
    first_name: info.given_name,
    last_name: info.family_name,
    timezone: info.zoneinfo,
    photos: info.photos,
    addr_street: user?.Street ?? null,
    addr_city: user?.City ?? null,
    addr_state: user?.State ?? null,
    addr_country: user?.Country ?? null,
    addr_zip: user?.PostalCode ?? null,
    mobile_phone: user?.MobilePhone ?? null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: info.urls,
    active: info.active,
    user_type: info.user_type,
    language: info.language,
    locale: info.locale,
    utcOffset: info.utcOffset,
    last_modified_date: info.updated_at,
    is_app_installed: true,
  };
}
