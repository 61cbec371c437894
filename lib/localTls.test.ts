import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLocalCertificate, removeTempCaFile, writeCaFile } from './localTls';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('local TLS certificate', () => {
  it('is self-signed, for localhost, 127.0.0.1 and ::1, valid now, not a CA', async () => {
    const certificate = await generateLocalCertificate();
    const x509 = new crypto.X509Certificate(certificate.cert);
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.ca).toBe(false);
    expect(Date.parse(x509.validFrom)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(x509.validTo)).toBeGreaterThan(Date.now());
    expect(crypto.createPrivateKey(certificate.key).asymmetricKeyType).toBe('rsa');
  });

  it('names the host it listens on too when that is one address', async () => {
    const x509 = new crypto.X509Certificate((await generateLocalCertificate({ host: '192.168.7.9' })).cert);
    expect(x509.checkIP('192.168.7.9')).toBe('192.168.7.9');
    const wildcard = new crypto.X509Certificate((await generateLocalCertificate({ host: '0.0.0.0' })).cert);
    expect(wildcard.subjectAltName).not.toContain('0.0.0.0');
  });

  it('writes the CA file with mode 0600, replacing one left with a wider mode', async () => {
    const certificate = await generateLocalCertificate();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-tls-test-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'ca.pem'), 'old', { mode: 0o644 });
    const file = writeCaFile(certificate, dir);
    expect(file).toBe(path.join(dir, 'ca.pem'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe(certificate.cert);
    const temp = writeCaFile(certificate);
    dirs.push(path.dirname(temp));
    expect(fs.statSync(temp).mode & 0o777).toBe(0o600);

    // A standalone emulator removes its temp directory at stop; a CA file elsewhere is left alone.
    removeTempCaFile(temp);
    expect(fs.existsSync(path.dirname(temp))).toBe(false);
    removeTempCaFile(file);
    expect(fs.existsSync(file)).toBe(true);
  });
});
