// First: a clear message on an unsupported Node.js, before any dependency loads.
import './requireNode';
import path from 'node:path';
import { errorMessage } from '../lib/errorMessage';
import { ConfigError, loadConfig } from './config';
import { loadEnvFileIfPresent } from './envFile';
import { backupStore } from './store/backup';

/** `npm run backup -- FILE`: an online backup of the SQLite store, with the secret key beside it (README › Backup and restore). */
const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('Usage: npm run backup -- FILE   (writes FILE and FILE.secret.key; see README › Backup and restore)\n');
  process.exit(2);
}
try {
  // The same configuration as the app it backs up: `.env` too, as `npm start` reads it.
  loadEnvFileIfPresent();
  const result = backupStore(loadConfig(), path.resolve(file));
  process.stdout.write(`Backed up the store to ${result.database} (${result.bytes} bytes) and the secret key to ${result.key}, both mode 0600.\n`);
} catch (error) {
  const message = error instanceof ConfigError ? `${error.message}\nFix the variables above (see README › Configuration).` : errorMessage(error);
  process.stderr.write(`Backup failed: ${message}\n`);
  process.exit(1);
}
