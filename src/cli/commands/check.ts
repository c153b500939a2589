// `wsgiwatch check`: read the Apache config, print findings. Exit 0 clean, 1 warning or worse; an unreadable config is
// a UserError (exit 2).

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { findConfigIssues } from '../../analyse/findings/find-config-issues.ts';
import type { Finding, FindingSeverity } from '../../analyse/findings/finding.ts';
import { formatFlushDelayBannerFromConfig } from '../../analyse/findings/format-flush-delay-banner.ts';
import { detectVersions } from '../../analyse/wsgi/detect-versions.ts';
import { formatConfigError } from '../../config/apache/config-error.ts';
import type { ConfigModel } from '../../config/apache/config-model.ts';
import { discoverApacheConfig, loadApacheConfig } from '../../config/apache/load-apache-config.ts';
import { parseErrorLine } from '../../parse/error/parse-error-line.ts';
import { UserError } from '../../user-error.ts';

export interface CheckOptions {
  apacheConfig?: string;
  modWsgiVersion?: string;
  format: 'text' | 'json';
}

export interface CheckOutput {
  stdout(s: string): void;
}

const ORDER: FindingSeverity[] = ['error', 'warning', 'info'];
/** How much of each error log's end is searched for the start/restart banner. */
const TAIL_BYTES = 4 * 1024 * 1024;

export function runCheck(options: CheckOptions, out: CheckOutput): number {
  const path = options.apacheConfig ?? discoverApacheConfig();
  if (path === undefined)
    throw new UserError(
      'check: no Apache configuration found (/etc/apache2/apache2.conf, /etc/httpd/conf/httpd.conf); pass --apache-config PATH',
    );
  let loaded: ReturnType<typeof loadApacheConfig>;
  try {
    loaded = loadApacheConfig(path);
  } catch (err) {
    throw new UserError(`check: ${path}: ${(err as Error)?.message ?? String(err)}`);
  }
  if (loaded.errors.length > 0)
    throw new UserError(
      [
        ...loaded.errors.map(formatConfigError),
        `check: ${path} cannot be read as Apache would (${loaded.errors.length} error(s))`,
      ].join('\n'),
    );
  const model = loaded.model;
  const detected = options.modWsgiVersion === undefined ? detectModWsgiVersion(model) : undefined;
  const modWsgiVersion = options.modWsgiVersion ?? detected?.version;
  const findings = findConfigIssues(model, { modWsgiVersion });
  if (options.format === 'json') {
    const payload = {
      findings: findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        subject: f.subject,
        file: f.file,
        line: f.line,
        message: f.message,
        fix: f.fix,
      })),
      model,
      warnings: loaded.warnings,
      modWsgiVersion: modWsgiVersion ?? null,
    };
    out.stdout(`${JSON.stringify(payload, null, 2)}\n`);
  } else {
    out.stdout(formatText(path, model, findings, loaded.warnings, modWsgiVersion, detected?.from));
  }
  return findings.some((f) => f.severity !== 'info') ? 1 : 0;
}

function formatText(
  path: string,
  model: ConfigModel,
  findings: Finding[],
  warnings: { file: string; line: number; message: string }[],
  modWsgiVersion: string | undefined,
  versionFrom: string | undefined,
): string {
  // The mis-set flush delay or buffer size leads: it is what throttles downloads today.
  const lines: string[] = formatFlushDelayBannerFromConfig(findings, model).map((b) => `! ${b.text}`);
  const version =
    modWsgiVersion === undefined ? 'unknown' : `${modWsgiVersion}${versionFrom ? ` (from ${versionFrom})` : ''}`;
  lines.push(
    `${path}: ${model.files.length} files, ${model.vhosts.length} vhosts, ${model.daemons.length} WSGI daemon groups, ${model.rateLimits.length} rate-limit rules; mod_wsgi ${version}`,
  );
  for (const w of warnings) lines.push(`note: ${formatConfigError(w)}`);
  for (const severity of ORDER) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `${severity.toUpperCase()} (${group.length})`);
    for (const f of group) {
      lines.push(`  ${f.file ?? '?'}:${f.line ?? 0}  [${f.rule}]  ${f.subject}`);
      lines.push(`    ${f.message}`);
      lines.push(`    fix: ${f.fix}`);
    }
  }
  const count = (s: FindingSeverity) => findings.filter((f) => f.severity === s).length;
  lines.push(
    '',
    findings.length === 0
      ? 'no findings'
      : `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`,
  );
  return `${lines.join('\n')}\n`;
}

/** The newest `mod_wsgi/X.Y.Z` in a start/restart banner (any MPM, Apache 2.2 or 2.4) of the configured error logs. */
function detectModWsgiVersion(model: ConfigModel): { version: string; from: string } | undefined {
  for (const t of model.logTargets) {
    if (t.log !== 'error' || t.piped !== undefined) continue;
    const text = readTail(t.path);
    if (text === undefined) continue;
    let version: string | undefined;
    for (const line of text.split('\n')) {
      if (!line.includes('configured -- resuming normal operations')) continue;
      const parsed = parseErrorLine(line.trimEnd());
      // A custom ErrorLogFormat leaves the line unparsed by the default parser: its text still ends with the banner.
      const record =
        parsed.ok && parsed.prefixed ? parsed : { ok: true as const, prefixed: true, message: line.trimEnd() };
      version = detectVersions(record)?.modWsgi ?? version;
    }
    if (version !== undefined) return { version, from: t.path };
  }
  return undefined;
}

function readTail(path: string): string | undefined {
  let fd: number | undefined;
  try {
    const size = statSync(path).size;
    const len = Math.min(size, TAIL_BYTES);
    const buf = Buffer.alloc(len);
    fd = openSync(path, 'r');
    readSync(fd, buf, 0, len, size - len);
    return buf.toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
