import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';
const AUTH_TAG_BYTES = 16;

/**
 * Encrypts secrets at rest with AES-256-GCM. Each value gets a fresh 96-bit IV; the
 * "associated data" binds a ciphertext to its purpose (e.g. `connection:pagerduty`), so a
 * ciphertext copied into another row does not decrypt.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('The secret key must be 32 bytes (AES-256)');
    this.#key = key;
  }

  seal(plaintext: string, purpose: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
  }

  open(sealed: string, purpose: string): string {
    const [version, iv, tag, ciphertext] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Unrecognized secret format');
    // The full 16-byte tag only: GCM would accept a truncated one, and each byte cut makes a forgery cheaper to guess.
    const authTag = Buffer.from(tag, 'base64');
    if (authTag.length !== AUTH_TAG_BYTES) throw new Error('Unrecognized secret format');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64'), { authTagLength: AUTH_TAG_BYTES });
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(authTag);
    try {
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('A stored secret could not be decrypted: the secret key differs from the one it was written with');
    }
  }
}

/**
 * The key comes from SECRET_KEY (base64 or hex of 32 bytes) or from a key file, created with
 * mode 0600 on first start. A key file readable by others is refused rather than trusted.
 */
export function loadSecretKey(source: { value: string } | { file: string }): Buffer {
  if ('value' in source) return parseKey(source.value, 'SECRET_KEY');
  const file = source.file;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) {
    throw new Error(`The secret key file ${file} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${file}`);
  }
  return parseKey(fs.readFileSync(file, 'utf8').trim(), file);
}

function parseKey(text: string, where: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new Error(`${where} must hold 32 random bytes, base64 or hex; generate one with: openssl rand -base64 32`);
  }
  return key;
}

/** What the API shows instead of a secret: whether it is set, and its last four characters at most. */
export function maskSecret(value: string | undefined): { set: boolean; hint?: string } {
  if (!value) return { set: false };
  return value.length >= 16 ? { set: true, hint: `…${value.slice(-4)}` } : { set: true };
}
