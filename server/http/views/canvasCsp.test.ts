import { describe, expect, it } from 'vitest';
import { canvasFrameAncestors } from './canvasCsp';

describe('the origins that may frame a Canvas page', () => {
  it('takes the verified instance and target origins, and the configured ones', () => {
    expect(
      canvasFrameAncestors({ instanceUrl: 'https://acme.my.salesforce.com/path', targetOrigin: 'https://acme.lightning.force.com' }, [
        'https://acme.my.site.com',
      ]),
    ).toEqual(['https://acme.my.salesforce.com', 'https://acme.lightning.force.com', 'https://acme.my.site.com']);
  });

  it('drops what would widen or break the policy: wildcards, separators, plain http off this machine', () => {
    for (const instanceUrl of ['https://*', 'https://a;b', 'https://a,b', 'http://acme.my.salesforce.com', 'javascript:alert(1)']) {
      expect(canvasFrameAncestors({ instanceUrl }, [])).toEqual([]);
    }
    expect(canvasFrameAncestors({ instanceUrl: 'http://127.0.0.1:4010' }, [])).toEqual(['http://127.0.0.1:4010']);
  });
});
