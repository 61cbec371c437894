import { describe, expect, it } from 'vitest';
import { canvasDraftFrom, canvasUpdateFrom } from './canvasForm';

describe('the Canvas app form', () => {
  const view = {
    configured: true,
    consumerSecret: { set: true, hint: '…abcd' },
    allowedOrgIds: ['00D000000000001AAA'],
    frameAncestors: ['https://acme.lightning.force.com'],
    allowedProfileIds: [],
    agentActions: ['resolve' as const, 'addNote' as const],
    updatedAt: null,
  };

  it('starts from the saved settings, the secret empty', () => {
    expect(canvasDraftFrom(view)).toEqual({
      consumerSecret: '',
      allowedOrgIds: '00D000000000001AAA',
      frameAncestors: 'https://acme.lightning.force.com',
      allowedProfileIds: '',
      agentActions: ['resolve', 'addNote'],
    });
  });

  it('sends lists split by line or comma, trimmed, the secret only when typed, actions in their order', () => {
    const draft = { ...canvasDraftFrom(view), allowedProfileIds: ' 00e000000000001AAA,\n\n00e000000000002AAA ' };
    expect(canvasUpdateFrom(draft)).toEqual({
      allowedOrgIds: ['00D000000000001AAA'],
      frameAncestors: ['https://acme.lightning.force.com'],
      allowedProfileIds: ['00e000000000001AAA', '00e000000000002AAA'],
      agentActions: ['addNote', 'resolve'],
    });
    expect(canvasUpdateFrom({ ...draft, consumerSecret: '  new-secret ' })).toMatchObject({ consumerSecret: 'new-secret' });
  });
});
