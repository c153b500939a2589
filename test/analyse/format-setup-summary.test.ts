import { describe, expect, it } from 'vitest';
import { formatSetupSummary, NO_RATE_LIMIT_HINT } from '../../src/analyse/format-setup-summary.ts';

describe('formatSetupSummary', () => {
  it('names the config, the followed logs (with their state) and what no rate limit means', () => {
    expect(
      formatSetupSummary({
        apacheConfig: '/etc/apache2/apache2.conf',
        logs: [
          { log: 'access', path: '/var/log/apache2/access.log', state: 'open' },
          { log: 'error', path: '/var/log/apache2/error.log', state: 'waiting' },
        ],
        rateLimitedLocations: 0,
      }),
    ).toEqual([
      'read /etc/apache2/apache2.conf',
      'following access /var/log/apache2/access.log, error /var/log/apache2/error.log (waiting for it)',
      NO_RATE_LIMIT_HINT,
    ]);
    expect(NO_RATE_LIMIT_HINT).toMatch(/^no rate-limited location: rate-limit verdicts need mod_ratelimit/);
    expect(NO_RATE_LIMIT_HINT).toContain('see docs/verdicts.md; `wsgiwatch demo` shows them');
  });

  it('counts rate-limited locations; logs given directly; nothing followed', () => {
    const [config, logs, limits] = formatSetupSummary({ logs: [], rateLimitedLocations: 3 });
    expect(config).toBe('no Apache config read');
    expect(logs).toBe('following no log: the config names none');
    expect(limits).toBe('3 rate-limited locations: a verdict each once 5 responses are measured');
    expect(formatSetupSummary({ logs: [], rateLimitedLocations: 1 })[2]).toMatch(/^1 rate-limited location:/);
  });
});
