// One uncoded message wording and the event kind it means: the row shape of the message table and its legacy part.

export interface MessageTemplate {
  /** printf-style text as logged, after any `mod_wsgi (pid=%d): ` prefix; matched as a prefix of the message. */
  text: string;
  /** Event kind; `null` = recognised lifecycle/info noise, not counted. */
  kind: string | null;
  /** The WSGI#### (6.x) or AH##### (Apache 2.4) message with the same meaning, when there is one. */
  equivalentCode?: string;
  /** Where the wording comes from: `catalogue`, `4.9.4 mod_wsgi.c:8610`, `3.5 mod_wsgi.c:6711`, `httpd 2.2 …`. */
  source: string;
}
