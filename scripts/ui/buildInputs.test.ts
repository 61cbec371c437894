import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_CONFIG_FILES, BUILD_INPUTS_FILE, currentHash, readShippedInputs, recordInputs } from './buildInputs';

/** A small checkout: web sources, a test and a note beside them, a contract they import, a lockfile. */
let root: string;

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

function lockfile(litVersion: string, litIsDev: boolean): string {
  return JSON.stringify({
    lockfileVersion: 3,
    packages: {
      '': { name: 'fixture' },
      'node_modules/lit': { version: litVersion, integrity: `sha512-lit-${litVersion}`, ...(litIsDev ? { dev: true } : {}) },
      'node_modules/vite': { version: '8.0.0', integrity: 'sha512-vite', dev: true },
    },
  });
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-ui-inputs-'));
  write('web/main.ts', "import '../contracts/api';\n");
  write('web/index.html', '<script type="module" src="./main.ts"></script>\n');
  write('web/main.test.ts', 'test\n');
  write('web/README.md', '# notes\n');
  write('contracts/api.ts', 'export const api = 1;\n');
  write('package-lock.json', lockfile('3.3.3', false));
  for (const file of BUILD_CONFIG_FILES) write(file, `// ${file}\n`);
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** What a build of the fixture records: the graph reached web/main.ts, contracts/api.ts and lit. */
function build() {
  return recordInputs(root, ['web/main.ts', 'contracts/api.ts'], ['node_modules/lit']);
}

describe('the record of what the UI was built from', () => {
  it('lists the graph, every web source but tests and notes, the build config, the bundled packages and Vite', () => {
    const record = build();
    expect(record.files).toEqual([...BUILD_CONFIG_FILES, 'contracts/api.ts', 'web/index.html', 'web/main.ts'].sort());
    expect(record.packages).toEqual(['node_modules/lit', 'node_modules/vite']);
    expect(currentHash(root, record)).toBe(record.hash);
  });

  it.each([
    ['a web source changes', () => write('web/main.ts', "import '../contracts/api';\nconsole.log(1);\n")],
    ['a contract the bundle imports changes', () => write('contracts/api.ts', 'export const api = 2;\n')],
    ['a file is added under web/', () => write('web/extra.ts', 'export {};\n')],
    ['a source is deleted', () => fs.rmSync(path.join(root, 'web/main.ts'))],
    ['the Vite config changes', () => write('vite.config.ts', '// other\n')],
    ['a bundled package changes version', () => write('package-lock.json', lockfile('3.4.0', false))],
  ])('is stale when %s', (_change, change) => {
    const record = build();
    change();
    expect(currentHash(root, record)).not.toBe(record.hash);
  });

  it.each([
    ['a web test changes', () => write('web/main.test.ts', 'other test\n')],
    ['a note under web/ changes', () => write('web/README.md', '# other notes\n')],
    ['a package moves to devDependencies (npm marks it dev: true)', () => write('package-lock.json', lockfile('3.3.3', true))],
    ['a file outside the bundle changes', () => write('server/app.ts', 'export {};\n')],
    ['a source is checked out with CRLF line endings', () => write('contracts/api.ts', 'export const api = 1;\r\n')],
  ])('is unchanged when %s', (_change, change) => {
    const record = build();
    change();
    expect(currentHash(root, record)).toBe(record.hash);
  });

  it('reads back the record the build wrote, and treats an unreadable one as none', () => {
    const record = build();
    write(BUILD_INPUTS_FILE, JSON.stringify({ ...record, note: 'written by the build' }));
    expect(readShippedInputs(root)).toEqual(record);
    write(BUILD_INPUTS_FILE, '{"hash": 1');
    expect(readShippedInputs(root)).toBeUndefined();
    fs.rmSync(path.join(root, BUILD_INPUTS_FILE));
    expect(readShippedInputs(root)).toBeUndefined();
  });
});

describe('the committed build', () => {
  it('was built from the sources as they are (else run `npm run build` and commit dist/)', () => {
    const repository = path.resolve(import.meta.dirname, '../..');
    const shipped = readShippedInputs(repository);
    expect(shipped, `${BUILD_INPUTS_FILE} is missing: run npm run build`).toBeDefined();
    if (shipped) expect(currentHash(repository, shipped), 'dist/ is stale: run npm run build and commit dist/').toBe(shipped.hash);
  });
});
