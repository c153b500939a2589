// Reads and validates the YAML config file; every error names file:line:col (zod issue paths mapped back through the
// YAML document's node ranges).

import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { UserError } from '../../user-error.ts';
import { type AgentConfigFile, agentConfigSchema } from './agent-config-schema.ts';

export class AgentConfigFileError extends UserError {
  override name = 'AgentConfigFileError';
}

/** Pure: text → config or an error listing `file:line:col: path: message` lines. */
export function parseAgentConfig(text: string, file: string): AgentConfigFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new AgentConfigFileError(doc.errors.map((e) => `${at(e.pos[0])}: ${e.message.split('\n')[0]}`).join('\n'));
  }
  const value = doc.toJS() ?? {};
  const result = agentConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    // Point at the deepest node of the path that exists (an unknown key points at its map).
    let node: unknown;
    for (let n = issue.path.length; n >= 0 && node === undefined; n--) {
      const found = n === 0 ? doc.contents : doc.getIn(issue.path.slice(0, n) as (string | number)[], true);
      if (isNode(found) && found.range) node = found;
    }
    const offset = isNode(node) && node.range ? node.range[0] : 0;
    const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${at(offset)}: ${path}${issue.message}`;
  });
  throw new AgentConfigFileError(lines.join('\n'));
}

/** Reads the file; a missing or unreadable file is an AgentConfigFileError naming it. */
export function loadAgentConfig(file: string): AgentConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AgentConfigFileError(
      `${file}: cannot read config file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return parseAgentConfig(text, file);
}
