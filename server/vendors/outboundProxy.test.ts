import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { OutboundProxy } from './outboundProxy';

const PROXY = 'http://proxy.corp:3128';
const SECURE_PROXY = 'http://tls-proxy.corp:3128';

describe('OutboundProxy.proxyFor', () => {
  it('goes direct when no proxy is set, whatever NO_PROXY says', () => {
    expect(OutboundProxy.direct.proxyFor('https://api.pagerduty.com/incidents')).toBeUndefined();
    expect(new OutboundProxy({ noProxy: 'example.com' }).proxyFor('https://example.org')).toBeUndefined();
    expect(OutboundProxy.direct.dispatcher).toBeUndefined();
  });

  it('uses HTTPS_PROXY for https:// targets and HTTP_PROXY for http:// ones, https falling back to http', () => {
    const both = new OutboundProxy({ httpProxy: PROXY, httpsProxy: SECURE_PROXY });
    expect(both.proxyFor('https://api.pagerduty.com')).toBe(SECURE_PROXY);
    expect(both.proxyFor('http://127.0.0.1:4020/services')).toBe(PROXY);
    expect(new OutboundProxy({ httpProxy: PROXY }).proxyFor('https://login.salesforce.com')).toBe(PROXY);
    expect(new OutboundProxy({ httpsProxy: SECURE_PROXY }).proxyFor('http://127.0.0.1:4020')).toBeUndefined();
    expect(both.dispatcher).toBeDefined();
  });

  it('exempts nothing by default, localhost included', () => {
    const proxy = new OutboundProxy({ httpProxy: PROXY });
    expect(proxy.proxyFor('http://localhost:4010')).toBe(PROXY);
    expect(proxy.proxyFor('http://127.0.0.1:4010')).toBe(PROXY);
  });

  it('follows NO_PROXY as undici and curl do: suffixes, leading dots and stars, ports, case, *', () => {
    const proxy = new OutboundProxy({ httpProxy: PROXY, httpsProxy: PROXY, noProxy: ' .Salesforce.com, *.internal  127.0.0.1:4020,[::1]' });
    expect(proxy.proxyFor('https://salesforce.com')).toBeUndefined();
    expect(proxy.proxyFor('https://acme.my.salesforce.com/services/data')).toBeUndefined();
    expect(proxy.proxyFor('https://notsalesforce.com')).toBe(PROXY);
    expect(proxy.proxyFor('http://pd.internal')).toBeUndefined();
    expect(proxy.proxyFor('http://127.0.0.1:4020')).toBeUndefined();
    expect(proxy.proxyFor('http://127.0.0.1:4010')).toBe(PROXY);
    expect(proxy.proxyFor('http://[::1]:4010')).toBeUndefined();
    expect(proxy.proxyFor('https://api.pagerduty.com')).toBe(PROXY);
    expect(new OutboundProxy({ httpProxy: PROXY, noProxy: '*' }).proxyFor('http://anything.example')).toBeUndefined();
    expect(new OutboundProxy({ httpProxy: PROXY, noProxy: 'example.com:443' }).proxyFor('https://example.com')).toBeUndefined();
    expect(new OutboundProxy({ httpProxy: PROXY, noProxy: 'example.com:443' }).proxyFor('http://example.com')).toBe(PROXY);
  });

  it('goes direct for what is not an absolute http(s) URL', () => {
    const proxy = new OutboundProxy({ httpProxy: PROXY });
    expect(proxy.proxyFor('/services/data')).toBeUndefined();
    expect(proxy.proxyFor('wss://example.com')).toBeUndefined();
  });
});

describe('proxy variables in the environment schema', () => {
  const base = { DATA_DIR: '/tmp/pdsc-config-test' };

  it('reads both cases, the lower-case one winning, as undici and curl do', () => {
    expect(
      loadConfig({ ...base, HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:1', HTTP_PROXY: 'http://h:2', NO_PROXY: 'a.com', no_proxy: 'b.com' })
        .outboundProxy,
    ).toEqual({
      httpsProxy: 'http://lower:1',
      httpProxy: 'http://h:2',
      noProxy: 'b.com',
    });
    expect(loadConfig(base).outboundProxy).toEqual({ httpsProxy: undefined, httpProxy: undefined, noProxy: undefined });
  });

  it('refuses a proxy that is not an http(s) URL, saying what to write', () => {
    expect(() => loadConfig({ ...base, HTTPS_PROXY: 'socks5://proxy:1080', http_proxy: 'proxy.corp' })).toThrow(
      /HTTPS_PROXY: HTTPS_PROXY must be an http:\/\/ or https:\/\/ URL such as http:\/\/proxy\.example\.com:3128[\s\S]*http_proxy: http_proxy must be/,
    );
  });
});
