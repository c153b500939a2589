import { describe, expect, it } from 'vitest';
import { readApacheConfig } from '../../../src/config/apache/read-apache-config.ts';
import { memoryFs } from './memory-fs.ts';

describe('reading deeply nested sections', () => {
  it('walks 20,000 nested <Location> sections without exhausting the call stack', () => {
    const depth = 20_000;
    const text = `LoadModule env_module /m/mod_env.so
<VirtualHost *:80>\n${'<Location />\n'.repeat(depth)}SetEnv rate-limit 100\n${'</Location>\n'.repeat(depth)}</VirtualHost>\n`;
    const { model, errors } = readApacheConfig('/c/httpd.conf', memoryFs({ '/c/httpd.conf': text }));
    expect(errors).toEqual([]);
    expect(model.locations.map((l) => l.location)).toEqual(['/']);
    expect(model.rateLimits[0]).toMatchObject({ location: '/', rateKiB: 100 });
  });
});
