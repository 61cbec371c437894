/**
 * The house's boundaries (../shared/DESIGN.md, section Layout), checked by `npm run lint:boundaries`
 * as part of `npm test`: an import that crosses one fails with the rule's name and reason.
 */
const product = '^(contracts|rules|server|web|lib|migrations)/';
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'rules-are-pure',
      comment: 'rules/ is the pure domain: it imports nothing from the rest of the project (no I/O, no clock, no env).',
      severity: 'error',
      from: { path: '^rules/' },
      to: { path: '^(server|web|emulators|contracts|lib|migrations)/' },
    },
    {
      name: 'contracts-are-pure',
      comment: 'contracts/ is shared with the web bundle: it may import rules/ and itself, nothing of the server.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(server|web|emulators|lib|migrations|bench|e2e)/' },
    },
    {
      name: 'web-imports-only-contracts-and-rules',
      comment: 'The web bundle runs in a browser: it may import contracts/, rules/ and itself only.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(server|emulators|lib|migrations|bench|e2e)/' },
    },
    {
      name: 'web-never-generates-code',
      comment:
        "rules/codegen.ts makes functions with new Function, which the admin UI's Content-Security-Policy forbids: the browser evaluates with the closures (the server calls generateCode).",
      severity: 'error',
      from: { path: '^(web|contracts)/' },
      to: { path: '^rules/codegen[.]ts$', reachable: true },
    },
    {
      name: 'store-knows-no-http-or-pipeline',
      comment: 'The store is the bottom floor: it knows no endpoint and no pipeline step.',
      severity: 'error',
      from: { path: '^server/store/' },
      to: { path: '^server/(http|pipeline|intake|vendors)/' },
    },
    {
      name: 'pipeline-knows-no-http',
      comment: 'The pipeline runs without HTTP: endpoints call it, never the other way round; nor does it reach back into intake.',
      severity: 'error',
      from: { path: '^server/pipeline/' },
      to: { path: '^server/(http|intake)/' },
    },
    {
      name: 'intake-knows-no-http',
      comment: 'Intake brings events in and hands them to the pipeline; endpoints call it, never the other way round.',
      severity: 'error',
      from: { path: '^server/intake/' },
      to: { path: '^server/http/' },
    },
    {
      name: 'vendors-know-no-pipeline-or-http',
      comment: 'Vendor clients and sessions are used by the pipeline, intake and endpoints; they know none of them.',
      severity: 'error',
      from: { path: '^server/vendors/' },
      to: { path: '^server/(pipeline|http|intake)/' },
    },
    {
      name: 'emulators-import-nothing-of-the-product',
      comment: 'The emulators stand for the vendors: they may use lib/ and themselves, never the product.',
      severity: 'error',
      from: { path: '^emulators/' },
      to: { path: '^(contracts|rules|server|web|migrations)/' },
    },
    {
      name: 'only-demo-and-tests-import-emulators',
      comment: 'Only demo mode (server/demo/) and tests start the emulators; the product talks to vendors over HTTP.',
      severity: 'error',
      from: { path: product, pathNot: ['^server/demo/', '^server/testing/', '[.]test[.]ts$'] },
      to: { path: '^emulators/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle between modules makes their order of loading matter and their roles unclear.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
  },
};
