// Accept-Encoding (RFC 9110 §12.5.3): does the client take gzip? Prometheus sends `gzip`; an exporter answers
// compressed, as client_golang's promhttp does. `gzip;q=0` refuses it; `*` stands for any coding not named.

/** True when the header accepts gzip with a quality above 0. */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  let star: boolean | undefined;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.split(';');
    const name = coding.trim().toLowerCase();
    if (name !== 'gzip' && name !== 'x-gzip' && name !== '*') continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (name === '*') star = q > 0;
    else return q > 0;
  }
  return star === true;
}
