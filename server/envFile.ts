import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/**
 * `.env` in the working directory, read as `node --env-file-if-exists=.env` reads it: the same
 * parser (node:util parseEnv), a missing file is no error, and a variable already set in the
 * environment wins over the file. Done in code rather than as a node flag so every way of
 * starting (`npm start`, `npm run dev`, `npm run backup`, tsx directly) behaves the same.
 * Answers the names it set, so a caller can say where its configuration came from.
 */
export function loadEnvFileIfPresent(file = path.resolve('.env'), target: NodeJS.ProcessEnv = process.env): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`Could not read ${file}: ${(error as Error).message}. Make it a readable file, or remove it to configure through the environment only.`, {
      cause: error,
    });
  }
  const loaded: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (value === undefined || target[name] !== undefined) continue;
    target[name] = value;
    loaded.push(name);
  }
  return loaded;
}
