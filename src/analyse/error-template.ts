// An error-log message with its variable parts masked, so lines that differ only in numbers, ids, paths and addresses
// group together ("what else is going wrong"). Codes that name a message (AH01630, WSGI0210, HTTP/1.1) stay as written.

// Order matters: addresses and paths before ids, ids before bare numbers.
const MASKS: readonly (readonly [RegExp, string])[] = [
  // scheme://host/path…
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>()[\],;]+/gi, '<url>'],
  // IPv4, with an optional :port
  [/(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?![\w.])/g, '<ip>'],
  // IPv6: hex groups with two or more colons and a hex letter or a `::` (so 12:30:45 stays a time), optional [ ]:port
  [/\[?(?<![\w:])(?=[0-9:]*[a-f]|[0-9a-f:]*::)[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])\]?(?::\d{1,5})?/gi, '<ip>'],
  // absolute paths (at the start, after a space, quote, bracket, = or :)
  [/(?<=^|[\s'"([=:])\/[^\s'"<>()[\],;]*/g, '<path>'],
  // UUIDs, then long hex runs with a digit (request ids, hashes, addresses like 0x7f…)
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi, '<id>'],
  // numbers not glued to a letter (keeps AH01630, WSGI0210, utf8) and not already masked
  [/(?<![\w<])\d+(?:[.,]\d+)*/g, '<n>'],
];

const MAX_TEMPLATE_LENGTH = 300;

export function errorTemplate(message: string): string {
  let t = message.length > MAX_TEMPLATE_LENGTH * 2 ? message.slice(0, MAX_TEMPLATE_LENGTH * 2) : message;
  for (const [pattern, mask] of MASKS) t = t.replace(pattern, mask);
  return t.length > MAX_TEMPLATE_LENGTH ? `${t.slice(0, MAX_TEMPLATE_LENGTH)}…` : t;
}
