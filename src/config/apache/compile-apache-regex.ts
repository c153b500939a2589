// An Apache (PCRE) regex from <LocationMatch>/<DirectoryMatch>/… as a JavaScript RegExp, or undefined when JS cannot
// express it. PCRE's leading `(?i)` becomes the `i` flag (common in configs, not JS syntax).

export function compileApacheRegex(pattern: string): RegExp | undefined {
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline !== null && !inline[1].includes('x')) {
    flags = [...new Set(inline[1])].join('');
    source = source.slice(inline[0].length);
  }
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}
