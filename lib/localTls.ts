import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

/**
 * A throwaway certificate for serving HTTPS on this machine (the emulators' and the demo's
 * `--tls`): self-signed, for localhost, 127.0.0.1 and ::1 (and the host given, when it names one
 * address), made fresh at every start. Its private key lives in this process only; what a client
 * needs to trust it is the certificate itself, written as a PEM file (`writeCaFile`).
 */
export interface LocalCertificate {
  /** PEM private key (stays in memory). */
  key: string;
  /** PEM certificate: serve it, and have clients trust it as their CA. */
  cert: string;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * Generates the certificate with `selfsigned` (on @peculiar/x509). An end-entity certificate
 * (`cA: false`) that is its own issuer: OpenSSL, Go, Java and Python accept it as a trust anchor,
 * and Firefox refuses a CA certificate served as a server's.
 */
export async function generateLocalCertificate(options: { host?: string } = {}): Promise<LocalCertificate> {
  const names = [...LOOPBACK_NAMES];
  const host = options.host;
  if (host && !names.includes(host) && host !== '0.0.0.0' && host !== '::') names.push(host);
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 365 * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((name) => (net.isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })) },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/**
 * Writes the certificate as `ca.pem` (mode 0600) in `dir`, or in a new private temp directory,
 * and returns its path for a client to trust (`curl --cacert`, `NODE_EXTRA_CA_CERTS`, ...).
 */
export function writeCaFile(certificate: LocalCertificate, dir?: string): string {
  const target = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-tls-'));
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  const file = path.join(target, 'ca.pem');
  // Replaced, not rewritten in place: a file left by an earlier start keeps no wider mode.
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, certificate.cert, { mode: 0o600 });
  return file;
}

/** Removes a CA file `writeCaFile` put in a temp directory, with that directory (at a standalone emulator's stop: the certificate dies with it). */
export function removeTempCaFile(file: string): void {
  const dir = path.dirname(file);
  if (path.dirname(dir) === os.tmpdir() && /^pdsc-tls-[A-Za-z0-9]{6}$/.test(path.basename(dir))) fs.rmSync(dir, { recursive: true, force: true });
}
