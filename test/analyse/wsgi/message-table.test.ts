import { describe, expect, it } from 'vitest';
import {
  AH_CODE_KINDS,
  compileTemplate,
  matchMessageTemplate,
} from '../../../src/analyse/wsgi/classify-error-record.ts';
import { LEGACY_MESSAGES } from '../../../src/analyse/wsgi/legacy-messages.ts';
import { CATALOGUE_TEMPLATES, catalogueStem, MESSAGE_TABLE } from '../../../src/analyse/wsgi/message-table.ts';
import { WSGI_CODE_BY_ID, WSGI_CODES } from '../../../src/analyse/wsgi/wsgi-codes.ts';
import { WSGI_EVENT_KINDS } from '../../../src/analyse/wsgi/wsgi-event-kinds.ts';
import { renderTemplate } from './render-template.ts';

describe('the message table (drift against the WSGI#### catalogue)', () => {
  it('derives one template from every live catalogue code whose text starts with words', () => {
    const live = WSGI_CODES.filter((c) => c.kind !== 'retired');
    const skipped = live.filter((c) => !CATALOGUE_TEMPLATES.some((t) => t.equivalentCode === c.code));
    // Only the texts that begin with a conversion (`%s exception raised …`) have no first word to dispatch on.
    expect(skipped.every((c) => /^(?:\[script %s\] )?%/.test(c.text))).toBe(true);
    for (const t of CATALOGUE_TEMPLATES) expect(t.kind).toBe(WSGI_CODE_BY_ID.get(t.equivalentCode ?? '')?.kind);
  });

  it('gives every legacy wording with an equivalent code that code’s kind', () => {
    for (const t of LEGACY_MESSAGES) {
      if (t.equivalentCode === undefined) continue;
      const expected = t.equivalentCode.startsWith('AH')
        ? AH_CODE_KINDS[t.equivalentCode]
        : WSGI_CODE_BY_ID.get(t.equivalentCode)?.kind;
      expect({ text: t.text, kind: t.kind }).toEqual({ text: t.text, kind: expected });
    }
  });

  it('holds no legacy wording that a catalogue template already covers', () => {
    const catalogue = CATALOGUE_TEMPLATES.map((c) => compileTemplate(c.text));
    const redundant = LEGACY_MESSAGES.filter((t) => catalogue.some((c) => c.test(renderTemplate(t.text)))).map(
      (t) => t.text,
    );
    expect(redundant).toEqual([]);
  });

  it('classifies each template’s own rendering as that template’s kind', () => {
    const wrong = MESSAGE_TABLE.filter((t) => {
      const leading = t.text.startsWith('%');
      return matchMessageTemplate(renderTemplate(t.text), leading)?.kind !== t.kind;
    }).map((t) => t.text);
    expect(wrong).toEqual([]);
  });

  it('uses only kinds from the bounded kind list, each with a source', () => {
    for (const t of MESSAGE_TABLE) {
      if (t.kind !== null) expect(WSGI_EVENT_KINDS).toContain(t.kind);
      expect(t.source).not.toBe('');
    }
  });

  it('cuts the 6.x consequence off a catalogue text', () => {
    expect(catalogueStem("Unable to change root directory to '%s'. Daemon process will exit.")).toBe(
      "Unable to change root directory to '%s'",
    );
    expect(catalogueStem("[script %s] Timeout when reading response headers from daemon process '%s'.")).toBe(
      "Timeout when reading response headers from daemon process '%s'.",
    );
  });
});

describe('matchMessageTemplate remembers recent messages', () => {
  it('answers a repeated message as the first time, with or without the leading-conversion templates', () => {
    // `Process` is a bucket's first word; no `Process …` template matches this, a leading-conversion one does.
    const body = 'Process worker configured -- resuming normal operations';
    expect(matchMessageTemplate(body)).toBeUndefined();
    expect(matchMessageTemplate(body, true)?.kind).toBe('startup');
    expect(matchMessageTemplate(body)).toBeUndefined();
    const died = "Process 'app' has died, deregister and restart it.";
    const kind = matchMessageTemplate(died)?.kind;
    expect(kind).toBe('daemon-died');
    expect(matchMessageTemplate(died, true)?.kind).toBe(kind);
  });

  it('matches a long message (one it does not keep) every time', () => {
    const long = `Process 'app' has died, deregister and restart it. ${'x'.repeat(100_000)}`;
    expect(matchMessageTemplate(long)?.kind).toBe('daemon-died');
    expect(matchMessageTemplate(long)?.kind).toBe('daemon-died');
  });

  it('stays right past its bound (distinct messages beyond the 1,024 it keeps)', () => {
    for (let i = 0; i < 3000; i++) {
      expect(matchMessageTemplate(`Process 'g${i}' has died, deregister and restart it.`)?.kind).toBe('daemon-died');
      expect(matchMessageTemplate(`Process g${i} is not a message`)).toBeUndefined();
    }
  });
});
