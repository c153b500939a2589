// One line of a CRI container log (what kubelet's runtime writes under /var/log/pods, linked from
// /var/log/containers): `<RFC 3339 nano time> <stdout|stderr> <tags> <content>`. Tags are `:`-separated; `P` marks a
// partial line (the runtime split a long line; the next `F` of the same stream ends it), `F` a full one.

import { type UnwrapResult, wrapperFailure } from './log-wrapper.ts';

/** `2016-10-06T00:17:09.669794202Z` or with an offset: the runtime writes RFC 3339 with nanoseconds. */
const CRI_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

export function unwrapCriLine(line: string): UnwrapResult {
  const afterTime = line.indexOf(' ');
  if (afterTime <= 0 || !CRI_TIME.test(line.slice(0, afterTime))) return wrapperFailure(line);
  const afterStream = line.indexOf(' ', afterTime + 1);
  if (afterStream === -1) return wrapperFailure(line);
  const stream = line.slice(afterTime + 1, afterStream);
  if (stream !== 'stdout' && stream !== 'stderr') return wrapperFailure(line);
  // An empty content may come without the space after the tags.
  let afterTags = line.indexOf(' ', afterStream + 1);
  if (afterTags === -1) afterTags = line.length;
  const tags = line.slice(afterStream + 1, afterTags);
  if (tags === '') return wrapperFailure(line);
  let partial = false;
  for (const tag of tags.split(':')) {
    if (tag === 'P') partial = true;
    else if (tag !== 'F') return wrapperFailure(line);
  }
  return { ok: true, stream, text: line.slice(afterTags + 1), partial };
}

/** The CRI line shape, for detection: cheaper than a full unwrap and strict on the fields that identify it. */
export const CRI_LINE =
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d) (?:stdout|stderr) [PF](?::[PF])*(?: |$)/;
