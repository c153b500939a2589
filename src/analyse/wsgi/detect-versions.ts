// Server versions from the MPM's start/restart banner (§1.3): Apache, mod_wsgi, Python and the MPM. The one detection
// used by the pipeline (agent, analyse) and by `check`.

import type { ErrorRecord } from '../../parse/error/error-record.ts';

export interface DetectedVersions {
  apache?: string;
  modWsgi?: string;
  python?: string;
  mpm?: string;
}

// `%s configured -- resuming normal operations`: event AH00489, prefork AH00163, worker AH00292, winnt AH00455; no
// code in 2.2.
const MPM_BY_CODE: Record<string, string> = {
  AH00489: 'event',
  AH00163: 'prefork',
  AH00292: 'worker',
  AH00455: 'winnt',
};
const BANNER_TAIL = ' configured -- resuming normal operations';
const APACHE = /\bApache\/(\S+)/;
const MOD_WSGI = /\bmod_wsgi\/(\d+\.\d+(?:\.\d+)?\S*)/;
const PYTHON = /\bPython\/(\d+\.\d+(?:\.\d+)?)/;

/** The versions named by a start/restart banner (any MPM, 2.2 or 2.4), or undefined for any other record. */
export function detectVersions(record: ErrorRecord): DetectedVersions | undefined {
  const code = record.ahCode;
  const mpm = code === undefined ? undefined : MPM_BY_CODE[code];
  if (mpm === undefined && !(record.prefixed && record.message.endsWith(BANNER_TAIL))) return undefined;
  const versions: DetectedVersions = {};
  if (mpm !== undefined) versions.mpm = mpm;
  const apache = APACHE.exec(record.message)?.[1];
  const modWsgi = MOD_WSGI.exec(record.message)?.[1];
  const python = PYTHON.exec(record.message)?.[1];
  if (apache !== undefined) versions.apache = apache;
  if (modWsgi !== undefined) versions.modWsgi = modWsgi;
  if (python !== undefined) versions.python = python;
  return versions;
}
