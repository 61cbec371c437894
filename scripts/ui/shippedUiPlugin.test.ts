import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATOR_ASSETS_DIR, EMULATOR_PAGE_FILES, referencedAssets, stylesheetAssets } from './emulatorAssets';
import { lockfileKey } from './shippedUiPlugin';

describe('lockfileKey', () => {
  const modules = path.join(path.sep, 'repo', 'node_modules');
  it.each([
    ['lit/index.js', 'node_modules/lit'],
    ['@lit/task/development/task.js', 'node_modules/@lit/task'],
    ['@salesforce-ux/design-system/assets/icons/utility-sprite/svg/symbols.svg', 'node_modules/@salesforce-ux/design-system'],
    ['lit/node_modules/lit-html/lit-html.js', 'node_modules/lit/node_modules/lit-html'],
    ['a/node_modules/@scope/b/index.js', 'node_modules/a/node_modules/@scope/b'],
  ])('%s belongs to %s', (file, key) => {
    expect(lockfileKey(path.join(modules, ...file.split('/')), modules)).toBe(key);
  });

  it('answers undefined for a file outside node_modules', () => {
    expect(lockfileKey(path.join(path.sep, 'repo', 'web', 'main.ts'), modules)).toBeUndefined();
  });
});

describe("the Salesforce emulator page's SLDS files", () => {
  it('are the /assets references of the page and its script', () => {
    const html = '<link href="/assets/styles/slds.min.css" /><img src="/assets/icons/standard/case.svg" /><a href="/lightning/o/Case/list">';
    const script = "img.src = '/assets/icons/utility/close.svg';";
    expect(referencedAssets([html, script])).toEqual(['icons/standard/case.svg', 'icons/utility/close.svg', 'styles/slds.min.css']);
  });

  it('with the images a stylesheet points to, but not data URLs, fragments or other hosts', () => {
    const css =
      '.a{background:url(../images/a.png)}.b{background:url("../images/themes/b.png?v=1")}.c{mask:url(#q)}.d{background:url(data:image/png;base64,xx)}.e{background:url(https://x/y.png)}';
    expect(stylesheetAssets('styles/slds.min.css', css)).toEqual(['images/a.png', 'images/themes/b.png']);
  });
});

describe('the committed build', () => {
  it("has every SLDS file the Salesforce emulator's page refers to", () => {
    const repository = path.resolve(import.meta.dirname, '../..');
    const pages = EMULATOR_PAGE_FILES.map((file) => fs.readFileSync(path.join(repository, file), 'utf8'));
    const referenced = referencedAssets(pages);
    expect(referenced).toContain('styles/salesforce-lightning-design-system.min.css');
    for (const asset of referenced) expect(fs.existsSync(path.join(repository, 'dist', EMULATOR_ASSETS_DIR, asset)), asset).toBe(true);
  });
});
