import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { createBasicAuthCheck, parseWebConfig, WebConfigError } from '../../src/metrics/web-config.ts';

describe('parseWebConfig', () => {
  it('reads TLS and basic auth, resolving paths against the file', () => {
    const cfg = parseWebConfig(
      `tls_server_config:
  cert_file: server.crt
  key_file: /etc/k.key
basic_auth_users:
  prometheus: $2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG
`,
      '/etc/wsgiwatch/web.yml',
    );
    expect(cfg.tls).toEqual({
      certFile: '/etc/wsgiwatch/server.crt',
      keyFile: '/etc/k.key',
      clientCaFile: undefined,
      minVersion: 'TLSv1.2',
    });
    expect(Object.keys(cfg.basicAuthUsers ?? {})).toEqual(['prometheus']);
  });

  it('names file:line:col for a plain-text password and an unknown key', () => {
    expect(() => parseWebConfig('basic_auth_users:\n  u: secret\n', 'w.yml')).toThrow(
      /^w\.yml:2:6: basic_auth_users\.u: expected a bcrypt hash/,
    );
    expect(() => parseWebConfig('tls_config: {}\n', 'w.yml')).toThrow(WebConfigError);
  });
});

describe('createBasicAuthCheck', () => {
  const users = { prom: bcrypt.hashSync('s3cret', 4) };
  const header = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
  it('accepts the right password only', () => {
    const check = createBasicAuthCheck(users);
    expect(check(header('prom', 's3cret'))).toBe(true);
    expect(check(header('prom', 's3cret'))).toBe(true);
    expect(check(header('prom', 'wrong'))).toBe(false);
    expect(check(header('other', 's3cret'))).toBe(false);
    expect(check(undefined)).toBe(false);
    expect(check('Bearer x')).toBe(false);
  });
});
