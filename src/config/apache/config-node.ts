// One directive or section of the expanded Apache config, with the file:line it came from.

import type { SourceRef } from './config-model.ts';

export interface ConfigNode {
  name: string;
  /** Lower-cased name. */
  nameKey: string;
  /** Arguments after `${VAR}` expansion and quote removal. */
  args: string[];
  /** The argument text after `${VAR}` expansion, before splitting (WSGIDaemonProcess parses it itself). */
  raw: string;
  source: SourceRef;
  /** Present for sections (`<VirtualHost>`, `<Location>`, `<If>` …). */
  children?: ConfigNode[];
}
