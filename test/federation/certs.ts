import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OPENSSL = '/usr/bin/openssl';
/** Certificates are made with Debian's openssl (`apt-get install openssl`; .ci/services.sh installs it). */
export const HAS_OPENSSL = existsSync(OPENSSL);
if (!HAS_OPENSSL) console.warn(`Skipping the mutual TLS tests: ${OPENSSL} does not exist (apt-get install openssl).`);
const run = (args: string[]) => execFileSync(OPENSSL, args, { stdio: ['ignore', 'ignore', 'pipe'] });

export interface NodeCert {
  cert: string;
  key: string;
  /** SHA-256 of the certificate as openssl's `AB:CD:..` form, the way an operator would copy it. */
  fingerprint: string;
}

/** A throw-away CA in `dir`, with `issue(name)` for node certificates (server and client use, for localhost). */
export function testCa(dir: string, name = 'ca'): { ca: string; issue(node: string, opts?: { serialNumber?: string }): NodeCert } {
  const ca = join(dir, `${name}.crt`);
  const caKey = join(dir, `${name}.key`);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', caKey, '-out', ca, '-days', '30', '-subj', `/CN=Thorbecke test federation ${name}`, '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  return {
    ca,
    issue(node, opts = {}) {
      const key = join(dir, `${node}.key`);
      const csr = join(dir, `${node}.csr`);
      const cert = join(dir, `${node}.crt`);
      const ext = join(dir, `${node}.ext`);
      writeFileSync(ext, 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n');
      // A Dutch government certificate carries the organisation's OIN as the subject's serialNumber.
      run(['req', ...ec, '-keyout', key, '-out', csr, '-subj', `/CN=localhost/O=${node}${opts.serialNumber ? `/serialNumber=${opts.serialNumber}` : ''}`]);
      run(['x509', '-req', '-in', csr, '-CA', ca, '-CAkey', caKey, '-CAcreateserial', '-out', cert, '-days', '30', '-extfile', ext]);
      const fingerprint = execFileSync(OPENSSL, ['x509', '-noout', '-fingerprint', '-sha256', '-in', cert], { encoding: 'utf8' }).trim().split('=')[1]!;
      // The same value Node computes: the directory must agree with both.
      if (fingerprint !== new X509Certificate(readFileSync(cert)).fingerprint256) throw new Error('fingerprints disagree');
      return { cert, key, fingerprint };
    },
  };
}
