// Realistic Apache combined log lines with a sequence number inside (in the first 64 bytes, so each line's fingerprint
// differs) and a 3-byte `€`, regenerated from the number alone so a reader can verify every byte of every line.

const BASE_SECONDS = Date.UTC(2026, 10, 24, 1, 0, 0) / 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PATHS = ['/api/orders', '/static/app.css', '/login', '/api/items?page=2&sort=name', '/health'];
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  'curl/8.5.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
];

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i", without the newline. */
export function makeCombinedLine(seq: number): string {
  const t = new Date((BASE_SECONDS + Math.floor(seq / 20000)) * 1000);
  const time = `${two(t.getUTCDate())}/${MONTHS[t.getUTCMonth()]}/${t.getUTCFullYear()}:${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())} +0000`;
  const id = String(seq).padStart(9, '0');
  const ip = `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}`;
  return `${ip} - - [${time}] "GET /r/${id}${PATHS[seq % PATHS.length]} HTTP/1.1" ${seq % 17 === 0 ? 404 : 200} ${1000 + (seq % 9000)} "https://shop.example/€/ref" "${AGENTS[seq % AGENTS.length]}"`;
}

const SEQ = /"GET \/r\/(\d{9})\//;

/** The sequence number of a line that is exactly what makeCombinedLine produced for it, else undefined (garbled). */
export function checkCombinedLine(text: string): number | undefined {
  const m = SEQ.exec(text);
  if (!m) return undefined;
  const seq = Number(m[1]);
  return text === makeCombinedLine(seq) ? seq : undefined;
}
