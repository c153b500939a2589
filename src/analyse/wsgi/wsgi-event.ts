// A classified mod_wsgi / Apache error-log occurrence (one per record, or one per grouped traceback).

export interface WsgiEvent {
  timeSeconds?: number;
  /** `WSGInnnn` for coded (6.x) lines. */
  code?: string;
  /** Uncoded (≤ 5.x, Apache 2.2) lines: the WSGI#### or AH##### message with the same meaning, from the message table. */
  equivalentCode?: string;
  /** Fixed slug from the kind table (`daemon-died`, `exception`, `child-crash`, …); coded lines get their code's kind. */
  kind: string;
  /** Apache level token as logged. */
  level: string;
  /** The message (first line for grouped tracebacks), decoded, at most 1,000 characters. */
  message: string;
  pid?: number;
  tid?: number;
  peer?: { kind: 'client' | 'remote'; ip: string; port?: number };
  /** Daemon process group named in the message, when any. */
  processGroup?: string;
  script?: string;
  requestLogId?: string;
  /** For grouped exceptions: the exception type and message of the last traceback line. */
  exception?: { type: string; message: string; lines: number };
  /** The access-log request this event broke, once joined (WSGI0210 → its 500). */
  request?: { method?: string; url?: string; status?: number; clientIp?: string; timeSeconds?: number };
}
