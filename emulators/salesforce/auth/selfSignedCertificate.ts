import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * A self-signed X.509 certificate for a connected app's JWT bearer flow, built with node:crypto
 * alone: the DER structure below is the minimal RFC 5280 certificate (v3, sha256WithRSA,
 * CN-only names) that X509Certificate and OpenSSL accept.
 */

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

const sequence = (...content: Buffer[]) => der(0x30, ...content);
const SHA256_WITH_RSA = sequence(Buffer.from('06092a864886f70d01010b', 'hex'), Buffer.from('0500', 'hex'));
const COMMON_NAME_OID = Buffer.from('0603550403', 'hex');

function name(commonName: string): Buffer {
  return sequence(der(0x31, sequence(COMMON_NAME_OID, der(0x0c, Buffer.from(commonName, 'utf8')))));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return der(0x17, Buffer.from(text, 'ascii'));
}

function positiveInteger(value: number): Buffer {
  const hex = value.toString(16);
  const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  return der(0x02, bytes.readUInt8(0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

export function selfSignedCertificate(privateKey: KeyObject, publicKey: KeyObject, commonName: string, validFrom: Date, validDays: number): string {
  const tbs = sequence(
    der(0xa0, positiveInteger(2)),
    positiveInteger(0x5f0e1d),
    SHA256_WITH_RSA,
    name(commonName),
    sequence(utcTime(validFrom), utcTime(new Date(validFrom.getTime() + validDays * 86_400_000))),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = sequence(tbs, SHA256_WITH_RSA, der(0x03, Buffer.from([0]), signature));
  const base64 = certificate
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
}

export interface JwtKeyMaterial {
  privateKeyPem: string;
  publicKeyPem: string;
  certificatePem: string;
}

let cached: JwtKeyMaterial | undefined;

/**
 * The connected app's RSA key pair and certificate. Generated once per process (RSA key
 * generation takes a moment) so every reset of a running emulator hands out the same key.
 */
export function jwtKeyMaterial(): JwtKeyMaterial {
  if (!cached) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    cached = {
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      certificatePem: selfSignedCertificate(privateKey, publicKey, 'salesforce-emulator-connected-app', new Date('2024-01-01T00:00:00Z'), 365 * 25),
    };
  }
  return cached;
}
