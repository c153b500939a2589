// The complete, bounded list of WsgiEvent kinds, so metrics can zero-initialise every label value.

import { AH_CODE_KINDS } from './classify-error-record.ts';
import { MESSAGE_TABLE } from './message-table.ts';
import { WSGI_CODES } from './wsgi-codes.ts';

/**
 * Every kind classifyErrorRecord / the traceback grouper can emit, sorted; `other` for unknown future codes, `retired`
 * for the 8 IDs 6.0.5 no longer logs (a line can still carry one; found writing the fuzz suite's classifier bound).
 */
export const WSGI_EVENT_KINDS: readonly string[] = [
  ...new Set<string>([
    ...WSGI_CODES.map((c) => c.kind),
    ...Object.values(AH_CODE_KINDS),
    ...MESSAGE_TABLE.flatMap((t) => (t.kind === null ? [] : [t.kind])),
    'exception',
    'other',
  ]),
].sort();
