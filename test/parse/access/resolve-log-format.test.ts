import { describe, expect, it } from 'vitest';
import { LOG_FORMAT_NICKNAMES, resolveLogFormat } from '../../../src/parse/access/resolve-log-format.ts';

describe('resolveLogFormat', () => {
  it("holds Debian's five formats verbatim (apache2.conf:212-216, config-unquoted)", () => {
    expect(LOG_FORMAT_NICKNAMES).toEqual({
      vhost_combined: '%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"',
      combined: '%h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"',
      common: '%h %l %u %t "%r" %>s %O',
      referer: '%{Referer}i -> %U',
      agent: '%{User-agent}i',
    });
    expect(Object.isFrozen(LOG_FORMAT_NICKNAMES)).toBe(true);
  });

  it('resolves nicknames, caller nicknames first, and passes formats through', () => {
    expect(resolveLogFormat('combined')).toBe(LOG_FORMAT_NICKNAMES.combined);
    const own = new Map([
      ['wsgi_rl', '%h %D'],
      ['combined', '%h %t'],
    ]);
    expect(resolveLogFormat('wsgi_rl', own)).toBe('%h %D');
    expect(resolveLogFormat('combined', own)).toBe('%h %t');
    expect(resolveLogFormat('%h %>s', own)).toBe('%h %>s');
  });

  it('returns an unknown nickname unchanged (Apache then logs it as literal text)', () => {
    expect(resolveLogFormat('nosuch')).toBe('nosuch');
    expect(resolveLogFormat('toString')).toBe('toString');
  });
});
