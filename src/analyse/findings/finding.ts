// A configuration problem: stable rule id, where it is, what it means and how to fix it.

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable kebab-case id, e.g. `flush-delay-zero-with-ratelimit`. */
  rule: string;
  severity: FindingSeverity;
  /** The daemon group, location (`vhost location`) or file it concerns: a bounded label value. */
  subject: string;
  file?: string;
  line?: number;
  /** One sentence: what is wrong and why it matters. */
  message: string;
  /** A concrete change that resolves it. */
  fix: string;
}
