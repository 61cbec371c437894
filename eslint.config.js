// Lint: typescript-eslint's type-aware strict rules over every TypeScript file of the project;
// formatting is Prettier's (eslint-config-prettier turns off the rules that would disagree).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'test-results/',
      'playwright-report/',
      'emulators/salesforce/console/*.js',
      'emulators/pagerduty/console/*.js',
      // Browser scripts the Salesforce emulator serves as they are (its Canvas SDK), like the consoles' above.
      'emulators/salesforce/canvas/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      // Numbers and booleans read fine in messages; objects, null and undefined still fail.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `() => void work()` is the idiom for callbacks; a void value used anywhere else still fails.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `const { attributes: _attributes, ...values } = row` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The plain JavaScript config files at the root are outside tsconfig.json: lint them without type information.
    files: ['*.js', '*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  { files: ['*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  {
    // A test that dereferences what is not there fails loudly, which is what a test should do.
    files: ['**/*.test.ts', 'e2e/**', 'server/testing/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
