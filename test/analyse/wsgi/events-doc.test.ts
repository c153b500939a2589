import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENTS_DOC_PATH, renderEventsDoc } from '../../../scripts/generate-events-doc.ts';

describe('docs/events.md', () => {
  it('is current with the classifier tables (re-run scripts/generate-events-doc.ts when this fails)', () => {
    expect(readFileSync(EVENTS_DOC_PATH, 'utf8')).toBe(renderEventsDoc());
  });
});
