// A --web.config.file for tests: a self-signed certificate for 127.0.0.1 (openssl) and one bcrypt basic-auth user,
// written into `dir` (the web.yml names cert.pem and key.pem relative to itself).

import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';

export const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

/** Returns the web.yml path. */
export function writeTlsWebConfig(dir: string, user: string, password: string): string {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const file = join(dir, 'web.yml');
  writeFileSync(
    file,
    `tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\nbasic_auth_users:\n  ${user}: '${bcrypt.hashSync(password, 4)}'\n`,
  );
  return file;
}
