// One line of Docker's json-file log driver (`/var/lib/docker/containers/<id>/<id>-json.log`):
// `{"log":"text\n","stream":"stdout","time":"…"}`. The driver appends the `\n` the container wrote; an entry whose
// `log` lacks it is a partial message (the daemon splits lines over 16 KiB; moby#34855, docker/for-linux#1321), and
// the next entry of the same stream continues it.

import { type UnwrapResult, wrapperFailure } from './log-wrapper.ts';

export function unwrapDockerLine(line: string): UnwrapResult {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return wrapperFailure(line);
  }
  if (typeof entry !== 'object' || entry === null) return wrapperFailure(line);
  const { log, stream } = entry as { log?: unknown; stream?: unknown };
  if (typeof log !== 'string') return wrapperFailure(line);
  // `docker logs --details`-era entries and other drivers' JSON may lack the stream: then the role decides.
  if (stream !== undefined && stream !== 'stdout' && stream !== 'stderr') return wrapperFailure(line);
  const complete = log.endsWith('\n');
  let text = complete ? log.slice(0, -1) : log;
  if (complete && text.endsWith('\r')) text = text.slice(0, -1);
  return { ok: true, stream, text, partial: !complete };
}

/** The json-file shape, for detection: an object whose first key is `log`. */
export const DOCKER_LINE = /^\{\s*"log"\s*:\s*"/;
