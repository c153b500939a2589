// Inputs shared by the fuzz suites: the corpus of nasty lines (test/fixtures/nasty/lines.jsonl, see its README) and
// LogFormat strings that together use every directive family of apache-mod_wsgi-formats.md §3.2.

import { readFileSync } from 'node:fs';
import { LOG_FORMAT_NICKNAMES } from '../../src/parse/access/resolve-log-format.ts';

export const corpus = readFileSync(new URL('../fixtures/nasty/lines.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l) as { name: string; line: string });

/** Rich formats: every directive family of apache-mod_wsgi-formats.md §3.2 appears in one of them. */
export const RICH_FORMATS = [
  ...Object.values(LOG_FORMAT_NICKNAMES),
  '%h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i" %D',
  '%v:%p %a %{remote}p %A %l %u %{%d/%b/%Y:%H:%M:%S}t.%{msec_frac}t "%m %U%q %H" %<s %>s %b %B %I %O %^FB %X %k %L %P/%{tid}P %{ms}T %T %{us}T "%{rate-limit}e" "%{rate-initial-burst}e" %{SSL_PROTOCOL}x %{Set-Cookie}o %{note}n %{c}C %!200,304{Referer}i %200{X-Forwarded-For}i %f %R %V %{canonical}p %{local}p',
  '%{c}a %{begin:sec}t %{end:usec_frac}t "%r" %s "%{Content-Type}o" %{ms}T',
];

/** No C0/C1 control character and no DEL: what Apache would have escaped as \\xhh. */
export function isPrintable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
  }
  return true;
}
