// --web.config.file in the Prometheus exporter-toolkit format: `tls_server_config` (cert/key, optional client CA) and
// `basic_auth_users` (bcrypt hashes), so a sidecar is scraped over TLS with auth like any exporter.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { UserError } from '../user-error.ts';

// yaml, zod and bcryptjs are required on first use: an agent without --web.config.file never loads them (with the
// agent config reader's, they were a sixth of an idle sidecar's memory).
const load = createRequire(import.meta.url);

export class WebConfigError extends UserError {
  override name = 'WebConfigError';
}

export interface WebConfig {
  tls?: { certFile: string; keyFile: string; clientCaFile?: string; minVersion?: string };
  basicAuthUsers?: Record<string, string>;
}

function createSchema() {
  const { z } = load('zod') as typeof import('zod');
  return z
    .object({
      tls_server_config: z
        .object({
          cert_file: z.string().min(1),
          key_file: z.string().min(1),
          client_ca_file: z.string().min(1).optional(),
          client_auth_type: z.string().optional(),
          min_version: z.enum(['TLS12', 'TLS13']).optional(),
        })
        .passthrough()
        .optional(),
      http_server_config: z.object({}).passthrough().optional(),
      basic_auth_users: z
        .record(z.string(), z.string().regex(/^\$2[aby]\$\d\d\$/, 'expected a bcrypt hash'))
        .optional(),
    })
    .strict();
}

/** Pure: text → WebConfig; relative file paths resolve against the config file's directory (as exporter-toolkit does). */
export function parseWebConfig(text: string, file: string): WebConfig {
  const { isNode, LineCounter, parseDocument } = load('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0)
    throw new WebConfigError(doc.errors.map((e) => `${at(e.pos[0])}: ${e.message.split('\n')[0]}`).join('\n'));
  const result = createSchema().safeParse(doc.toJS() ?? {});
  if (!result.success) {
    throw new WebConfigError(
      result.error.issues
        .map((issue) => {
          const node = doc.getIn(issue.path as (string | number)[], true);
          const offset = isNode(node) && node.range ? node.range[0] : 0;
          return `${at(offset)}: ${issue.path.join('.')}: ${issue.message}`;
        })
        .join('\n'),
    );
  }
  const base = dirname(file);
  const tls = result.data.tls_server_config;
  return {
    tls: tls && {
      certFile: resolve(base, tls.cert_file),
      keyFile: resolve(base, tls.key_file),
      clientCaFile: tls.client_ca_file && resolve(base, tls.client_ca_file),
      minVersion: tls.min_version === 'TLS13' ? 'TLSv1.3' : 'TLSv1.2',
    },
    basicAuthUsers: result.data.basic_auth_users,
  };
}

export function loadWebConfig(file: string): WebConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new WebConfigError(
      `${file}: cannot read web config: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return parseWebConfig(text, file);
}

/**
 * Checks an `Authorization: Basic …` header against bcrypt hashes. bcrypt is slow by design, so successful header values
 * are cached (bounded); an unknown user is still compared against a dummy hash so timing does not reveal user names.
 */
export function createBasicAuthCheck(
  users: Record<string, string>,
  cacheSize = 64,
): (header: string | undefined) => boolean {
  const bcrypt = load('bcryptjs') as typeof import('bcryptjs');
  const ok = new Set<string>();
  const dummy = bcrypt.hashSync('wsgiwatch-dummy', 4);
  return (header) => {
    if (header === undefined || !header.startsWith('Basic ')) return false;
    if (ok.has(header)) return true;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const user = decoded.slice(0, colon);
    const hash = Object.hasOwn(users, user) ? users[user] : undefined;
    const match = bcrypt.compareSync(decoded.slice(colon + 1), hash ?? dummy) && hash !== undefined;
    if (match) {
      if (ok.size >= cacheSize) ok.clear();
      ok.add(header);
    }
    return match;
  };
}
