/**
 * Imported first by the entry points: stops with a plain message on a Node.js older than the app
 * supports (package.json `engines`), before any dependency loads. undici 8 (jsforce's and the
 * app's HTTP client) fails at load on Node 20 with a TypeError that says nothing about versions,
 * and npm only warns about `engines`.
 */
const MINIMUM = { major: 22, minor: 19 };

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < MINIMUM.major || (major === MINIMUM.major && minor < MINIMUM.minor)) {
  process.stderr.write(
    `This app needs Node.js ${MINIMUM.major}.${MINIMUM.minor} or later (the LTS lines 22 and 24); this is ${process.version}.\n` +
      'Switch with `nvm use` (the repository has an .nvmrc) or install Node 22 from nodejs.org, then start again.\n',
  );
  process.exit(1);
}
