import type { Request, Response } from 'express';
import type { EmulatorContext } from '../context';
import { instanceUrl, loginEnvironment } from './loginHosts';
import { checkPasswordLogin } from './passwordLogin';

const XML_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

function xmlUnescape(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => XML_ENTITIES[entity] ?? entity);
}

function xmlEscape(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The text of the first `<name>` element, namespace prefix allowed; undefined when absent. */
function element(xml: string, name: string): string | undefined {
  const text = new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:\\w+:)?${name}>`).exec(xml)?.[1];
  return text === undefined ? undefined : xmlUnescape(text);
}

/** A SOAP fault exactly as the partner API sends it (HTTP 500, `sf:` fault code, LoginFault detail). */
export function soapFault(res: Response, exceptionCode: string, exceptionMessage: string, faultType = 'LoginFault'): void {
  res
    .status(500)
    .type('text/xml; charset=utf-8')
    .send(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        '<soapenv:Body><soapenv:Fault>' +
        `<faultcode>sf:${exceptionCode}</faultcode>` +
        `<faultstring>${exceptionCode}: ${xmlEscape(exceptionMessage)}</faultstring>` +
        `<detail><sf:${faultType} xsi:type="sf:${faultType}">` +
        `<sf:exceptionCode>${exceptionCode}</sf:exceptionCode>` +
        `<sf:exceptionMessage>${xmlEscape(exceptionMessage)}</sf:exceptionMessage>` +
        `</sf:${faultType}></detail>` +
        '</soapenv:Fault></soapenv:Body></soapenv:Envelope>',
    );
}

const INVALID_LOGIN_MESSAGE = 'Invalid username, password, security token; or user locked out.';

/** `POST /services/Soap/u/{version}`: the partner API `login` call jsforce makes without a client id. */
export function soapLogin(ctx: EmulatorContext) {
  return (req: Request, res: Response): void => {
    const body = typeof req.body === 'string' ? req.body : '';
    const version = String(req.params.version ?? '');
    if (!/<(?:\w+:)?login[\s>]/.test(body)) {
      soapFault(res, 'INVALID_SOAP_HEADER', 'Expected a login request in the SOAP body', 'UnexpectedErrorFault');
      return;
    }
    const username = element(body, 'username') ?? '';
    const password = element(body, 'password') ?? '';
    const result = checkPasswordLogin(ctx, username, password, loginEnvironment(req));
    if (!result.ok) {
      if (result.reason === 'api_disabled') soapFault(res, 'API_CURRENTLY_DISABLED', 'API is disabled for this User');
      else soapFault(res, 'INVALID_LOGIN', INVALID_LOGIN_MESSAGE);
      return;
    }
    res.locals.principal = result.user.username;
    const session = ctx.auth.issueSession(result.user.userId, { restricted: result.passwordExpired });
    const userRecord = ctx.store.find('User', result.user.userId);
    const base = instanceUrl(req);
    const tag = (name: string, value: unknown) =>
      value === null || value === undefined ? `<${name} xsi:nil="true"/>` : `<${name}>${xmlEscape(value)}</${name}>`;
    res
      .status(200)
      .type('text/xml; charset=utf-8')
      .send(
        '<?xml version="1.0" encoding="UTF-8"?>' +
          '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
          '<soapenv:Body><loginResponse><result>' +
          tag('metadataServerUrl', `${base}/services/Soap/m/${version}/${ctx.org.id}`) +
          tag('passwordExpired', result.passwordExpired) +
          tag('sandbox', ctx.org.sandbox) +
          tag('serverUrl', `${base}/services/Soap/u/${version}/${ctx.org.id}`) +
          tag('sessionId', session.accessToken) +
          tag('userId', result.user.userId) +
          '<userInfo>' +
          tag('accessibilityMode', false) +
          tag('chatterExternal', false) +
          tag('currencySymbol', '$') +
          tag('orgAttachmentFileSizeLimit', 5242880) +
          tag('orgDefaultCurrencyIsoCode', 'USD') +
          tag('orgDefaultCurrencyLocale', 'en_US') +
          tag('orgDisallowHtmlAttachments', false) +
          tag('orgHasPersonAccounts', false) +
          tag('organizationId', ctx.org.id) +
          tag('organizationMultiCurrency', false) +
          tag('organizationName', ctx.org.name) +
          tag('profileId', userRecord?.ProfileId) +
          tag('roleId', userRecord?.UserRoleId) +
          tag('sessionSecondsValid', Math.floor(ctx.auth.sessionTimeoutMs / 1000)) +
          tag('userDefaultCurrencyIsoCode', null) +
          tag('userEmail', userRecord?.Email) +
          tag('userFullName', userRecord?.Name) +
          tag('userId', result.user.userId) +
          tag('userLanguage', userRecord?.LanguageLocaleKey ?? 'en_US') +
          tag('userLocale', userRecord?.LocaleSidKey ?? 'en_US') +
          tag('userName', result.user.username) +
          tag('userTimeZone', userRecord?.TimeZoneSidKey ?? 'America/Los_Angeles') +
          tag('userType', 'Standard') +
          tag('userUiSkin', 'Theme3') +
          '</userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>',
      );
  };
}
