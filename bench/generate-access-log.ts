// Realistic combined + `%D %O` access lines for benchmarks: a fixed seed, many distinct URLs, mixed statuses, a query
// string on one line in three (most requests carry none; a parser that searches past its line for `?` shows here).

export const BENCH_FORMAT = '%h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i" %D';

const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'curl/8.5.0',
  'Wget/1.21.3',
  'python-requests/2.32.3',
];
const PREFIXES = ['/downloads/', '/app/', '/static/', '/api/v1/', '/export/'];

/** Deterministic line `i`; `distinctUrls` bounds how many different paths appear. */
export function accessLine(i: number, distinctUrls = 100_000): string {
  const u = (i * 2654435761) % distinctUrls;
  const status = i % 50 === 0 ? 500 : i % 17 === 0 ? 404 : i % 11 === 0 ? 304 : 200;
  const bytes = status === 200 ? 1000 + ((i * 7919) % 4_000_000) : 300;
  const micros = 200 + ((i * 104729) % 5_000_000);
  const sec = i % 60;
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} - - [23/Nov/2026:20:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(sec).padStart(2, '0')} +0000] "GET ${PREFIXES[u % PREFIXES.length]}item-${u}.bin${i % 3 === 0 ? `?x=${i % 7}` : ''} HTTP/1.1" ${status} ${bytes} "https://ref.example/p/${u % 97}" "${AGENTS[i % AGENTS.length]}" ${micros}`;
}
