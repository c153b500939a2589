import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLocationMatcher } from '../../src/analyse/match-location.ts';
import type { ConfigModel } from '../../src/config/apache/config-model.ts';
import { readApacheConfig } from '../../src/config/apache/read-apache-config.ts';
import { memoryFs } from '../config/apache/memory-fs.ts';

const CONF = `LoadModule wsgi_module /m/mod_wsgi.so
LoadModule ratelimit_module /m/mod_ratelimit.so
LoadModule env_module /m/mod_env.so
<VirtualHost *:80>
  ServerName app.example.com
  ServerAlias *.app.example.com
  WSGIDaemonProcess app threads=5
  WSGIScriptAlias /app /srv/app/app.wsgi process-group=app
  <Location /downloads>
    SetOutputFilter RATE_LIMIT
    SetEnv rate-limit 400
  </Location>
  <LocationMatch "^/reports/[0-9]+\\.pdf$">
    SetOutputFilter RATE_LIMIT
    SetEnv rate-limit 100
  </LocationMatch>
</VirtualHost>
<VirtualHost *:8080>
  ServerName admin.example.com
  <Location />
    SetOutputFilter RATE_LIMIT
    SetEnv rate-limit 50
  </Location>
</VirtualHost>
`;

describe('createLocationMatcher', () => {
  const { model, errors } = readApacheConfig('/c/httpd.conf', memoryFs({ '/c/httpd.conf': CONF }));
  const match = createLocationMatcher(model);

  it('reads the test config cleanly', () => expect(errors).toEqual([]));

  it('picks the longest prefix on a segment boundary', () => {
    expect(match('app.example.com', '/downloads/big.iso')).toMatchObject({
      location: '/downloads',
      rate: { rateKiB: 400 },
    });
    expect(match('app.example.com', '/downloads')).toMatchObject({ location: '/downloads' });
    expect(match('app.example.com', '/downloadsX')).toEqual({ vhost: 'app.example.com', location: 'none' });
    expect(match('app.example.com', '/app/x').daemon?.name).toBe('app');
  });

  it('matches LocationMatch regexes', () => {
    expect(match('app.example.com', '/reports/12.pdf')).toMatchObject({
      location: '^/reports/[0-9]+\\.pdf$',
      rate: { rateKiB: 100 },
    });
  });

  it("honours PCRE's leading (?i) in LocationMatch", () => {
    const conf =
      'LoadModule env_module /m/mod_env.so\n<LocationMatch "(?i)^/ISO/">\n  SetEnv rate-limit 5\n</LocationMatch>\n';
    const m = readApacheConfig('/c/h.conf', memoryFs({ '/c/h.conf': conf }));
    expect(m.warnings).toEqual([]);
    expect(createLocationMatcher(m.model)(undefined, '/iso/x.iso')).toMatchObject({ location: '(?i)^/ISO/' });
  });

  it('gives a <LocationMatch> label the daemon of the WSGIScriptAlias that serves the request', () => {
    const conf = `LoadModule wsgi_module /m/mod_wsgi.so
LoadModule ratelimit_module /m/mod_ratelimit.so
LoadModule setenvif_module /m/mod_setenvif.so
WSGIDaemonProcess app threads=5
WSGIScriptAlias /app /srv/lab/app/app.wsgi process-group=app
SetEnvIf X-Rate "^([0-9]+)$" rate-limit=$1
<LocationMatch "^/(rlvar|static-var|app)">
    SetOutputFilter RATE_LIMIT
</LocationMatch>
`;
    const r = readApacheConfig('/c/h.conf', memoryFs({ '/c/h.conf': conf }));
    expect(r.errors).toEqual([]);
    const m = createLocationMatcher(r.model);
    const app = m(undefined, '/app/bytes');
    expect(app).toMatchObject({
      location: '^/(rlvar|static-var|app)',
      rate: { rateRaw: '$1' },
      daemon: { name: 'app' },
    });
    expect(m(undefined, '/app/other')).toBe(app);
    expect(m(undefined, '/static-var/1m.bin').daemon).toBeUndefined();
  });

  it('finds the vhost by alias, wildcard, port, and falls back to the first', () => {
    expect(match('www.app.example.com', '/downloads/a').vhost).toBe('app.example.com');
    expect(match('ADMIN.example.com', '/x')).toMatchObject({
      vhost: 'admin.example.com',
      location: '/',
      rate: { rateKiB: 50 },
    });
    expect(match(undefined, '/x', 8080).vhost).toBe('admin.example.com');
    expect(match('unknown.example', '/x').vhost).toBe('app.example.com');
  });

  it('returns only labels from the config for arbitrary input', () => {
    const labels = new Set(model.locations.map((l) => l.location).concat('none'));
    for (const path of ['/', '', '//downloads//a', '/%2e%2e/', '/reports/1.pdf?x', 'no-slash']) {
      expect(labels.has(match('x', path).location)).toBe(true);
    }
  });

  it('agrees with a naive longest-prefix scan for any prefixes and paths', () => {
    const seg = fc.constantFrom('a', 'ab', 'b', 'x.y', '');
    const pathArb = fc.array(seg, { minLength: 0, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
    // <Location> prefixes as the reader produces them: slashes already merged.
    const prefixArb = pathArb.map((p) => p.replace(/\/{2,}/g, '/'));
    fc.assert(
      fc.property(
        // Up to 24: a vhost with more than 8 prefixes uses the segment index, with fewer the one-by-one test.
        fc.uniqueArray(prefixArb, { maxLength: 24 }),
        fc.array(pathArb, { maxLength: 20 }),
        (prefixes, paths) => {
          const source = { file: '/f', line: 1 };
          const model: ConfigModel = {
            serverRoot: '/',
            files: [],
            modules: [],
            vhosts: [],
            locations: prefixes.map((p) => ({
              vhost: 'default',
              location: p,
              match: 'prefix' as const,
              wsgi: false,
              source,
              conditional: false,
            })),
            rateLimits: [],
            daemons: [],
            logTargets: [],
            logLevels: {},
            vhostLogs: [],
            restrictEmbedded: [],
            unreadableLogs: [],
          };
          const m = createLocationMatcher(model);
          const hit = (p: string, path: string) =>
            path.startsWith(p) && (p.endsWith('/') || path.length === p.length || path[p.length] === '/');
          for (const path of paths) {
            // httpd merges repeated slashes in the URL before the walk.
            const merged = path.replace(/\/{2,}/g, '/');
            const naive = [...prefixes].sort((a, b) => b.length - a.length).find((p) => hit(p, merged)) ?? 'none';
            expect(m(undefined, path).location).toBe(naive);
          }
        },
      ),
    );
  });
});
