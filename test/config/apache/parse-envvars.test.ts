import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEnvvars } from '../../../src/config/apache/parse-envvars.ts';

const DEBIAN = `unset HOME
if [ "\${APACHE_CONFDIR##/etc/apache2-}" != "\${APACHE_CONFDIR}" ] ; then
	SUFFIX="-\${APACHE_CONFDIR##/etc/apache2-}"
else
	SUFFIX=
fi
export APACHE_RUN_USER=www-data
export APACHE_LOG_DIR=/var/log/apache2$SUFFIX
export APACHE_PID_FILE=/var/run/apache2$SUFFIX/apache2.pid
export LANG=C
export LANG
`;

describe('parseEnvvars', () => {
  it('evaluates the assignments with SUFFIX derived like envvars', () => {
    expect(parseEnvvars(DEBIAN, '/etc/apache2')).toMatchObject({
      APACHE_LOG_DIR: '/var/log/apache2',
      APACHE_RUN_USER: 'www-data',
    });
    expect(parseEnvvars(DEBIAN, '/etc/apache2-two')).toMatchObject({
      APACHE_LOG_DIR: '/var/log/apache2-two',
      APACHE_PID_FILE: '/var/run/apache2-two/apache2.pid',
    });
  });

  it.skipIf(
    !(() => {
      try {
        return readFileSync('/etc/apache2/envvars', 'utf8').length > 0;
      } catch {
        return false;
      }
    })(),
  )("reads this machine's /etc/apache2/envvars", () => {
    expect(parseEnvvars(readFileSync('/etc/apache2/envvars', 'utf8'), '/etc/apache2').APACHE_LOG_DIR).toBe(
      '/var/log/apache2',
    );
  });
});
