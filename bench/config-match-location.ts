// Bench: createLocationMatcher on 1,000,000 (vhost, path) lookups against a model of 50 vhosts × 10 <Location>s plus a
// <LocationMatch> each; baseline: one Map.get on the vhost name per lookup (the least any matcher must do).

import { createLocationMatcher } from '../src/analyse/match-location.ts';
import type { ConfigFs } from '../src/config/apache/config-fs.ts';
import { readApacheConfig } from '../src/config/apache/read-apache-config.ts';

const CALLS = Number(process.env.CALLS ?? 1_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const VHOSTS = 50;

let conf = 'LoadModule env_module /m/mod_env.so\nLoadModule ratelimit_module /m/mod_ratelimit.so\n';
for (let v = 0; v < VHOSTS; v++) {
  conf += `<VirtualHost *:80>\n  ServerName site${v}.example.test\n  ServerAlias www.site${v}.example.test\n`;
  for (let l = 0; l < 10; l++)
    conf += `  <Location /area${l}/sub>\n    SetOutputFilter RATE_LIMIT\n    SetEnv rate-limit ${100 + l}\n  </Location>\n`;
  conf += '  <LocationMatch "^/reports/[0-9]+\\.pdf$">\n    SetEnv rate-limit 10\n  </LocationMatch>\n</VirtualHost>\n';
}
const fs: ConfigFs = {
  readFile: (p) => {
    if (p === '/b/httpd.conf') return conf;
    throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  },
  listDir: () => [],
  isDirectory: () => false,
  glob: () => [],
};
const { model, errors } = readApacheConfig('/b/httpd.conf', fs);
if (errors.length > 0) throw new Error(errors[0].message);
const match = createLocationMatcher(model);

const hosts: string[] = [];
const paths: string[] = [];
let seed = 7;
const rnd = (m: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % m;
};
for (let i = 0; i < 10_000; i++) {
  hosts.push(`${rnd(2) === 0 ? 'www.' : ''}site${rnd(VHOSTS + 2)}.example.test`);
  paths.push(
    [`/area${rnd(10)}/sub/file${i}.bin`, '/', `/reports/${i}.pdf`, `/static/app.css`, `/area${rnd(10)}/other`][rnd(5)],
  );
}
const byName = new Map(model.vhosts.map((v) => [v.name, v]));

let bestOurs = Number.POSITIVE_INFINITY;
let bestBase = Number.POSITIVE_INFINITY;
let sink = 0;
for (let r = 0; r < ROUNDS; r++) {
  let t = performance.now();
  for (let i = 0; i < CALLS; i++) if (byName.get(hosts[i % 10_000]) !== undefined) sink++;
  bestBase = Math.min(bestBase, performance.now() - t);
  t = performance.now();
  for (let i = 0; i < CALLS; i++) sink += match(hosts[i % 10_000], paths[i % 10_000], 80).location.length;
  bestOurs = Math.min(bestOurs, performance.now() - t);
}
console.log(`model: ${model.vhosts.length} vhosts, ${model.locations.length} locations (sink ${sink % 10})`);
console.log(
  `createLocationMatcher: ${((bestOurs * 1e6) / CALLS).toFixed(0)} ns/lookup, ${(CALLS / (bestOurs / 1000) / 1e6).toFixed(2)} M lookups/s (best of ${ROUNDS})`,
);
console.log(`baseline (Map.get on the vhost): ${((bestBase * 1e6) / CALLS).toFixed(0)} ns/lookup`);
console.log(`ratio: ${(bestOurs / bestBase).toFixed(1)}x the baseline`);
