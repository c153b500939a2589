// Issue 16 acceptance 5: `analyse` over stdin and over CRI / Docker / journal-wrapped copies of a log gives the same
// JSON report as the plain files, byte for byte, save files[].path and files[].wrapper; partial lines are joined; a
// corrupt wrapper line is one more parse failure. The log: the golden mod_wsgi error log (226 lines: every code,
// tracebacks, versions) and its access log (requests the events join to).

import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalyseOptions, runAnalyse } from '../../src/cli/commands/analyse.ts';
import type { LogWrapperOption } from '../../src/sources/unwrap/log-wrapper.ts';
import {
  type StreamLine,
  wrapCri,
  wrapDocker,
  wrapJournalJson,
  wrapJournalShort,
} from '../sources/unwrap/wrap-log-lines.ts';

const GOLDEN = path.join(import.meta.dirname, '..', 'golden', 'wsgi');
const ACCESS_FORMAT = '%a %{remote}p %l %u %t "%r" %>s %O %D "%{Referer}i" "%{User-Agent}i"';

let dir = '';
let accessLines: string[] = [];
let errorLines: string[] = [];
let plain = '';

const base = (): Omit<AnalyseOptions, 'accessLogs' | 'errorLogs'> => ({
  accessLogFormat: ACCESS_FORMAT,
  locations: [{ prefix: '/app', rateLimitKiB: 1000 }, { prefix: '/embedded' }],
});

async function reportOf(options: AnalyseOptions): Promise<string> {
  let out = '';
  let err = '';
  const code = await runAnalyse(
    { ...options, format: 'json' },
    { stdout: (s) => (out += s), stderr: (s) => (err += s) },
  );
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

/** The report with every files[].path and files[].wrapper value blanked: the rest must match byte for byte. */
const blanked = (json: string) =>
  json.replace(/^( {6}"path": ).*,$/gm, '$1"",').replace(/^( {6}"wrapper": ).*$/gm, '$1""');

const wrappers = (json: string) => (JSON.parse(json).files as { wrapper: string }[]).map((f) => f.wrapper);

/** Long lines split into partial pieces, as a runtime splits a line over its buffer. */
const split = (stream: 'stdout' | 'stderr', texts: string[]): StreamLine[] =>
  texts.map((text, i) => ({ stream, text, cuts: text.length > 150 && i % 2 === 0 ? [40, 100] : [] }));

async function write(name: string, content: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wsgiwatch-analyse-wrapped-'));
  const read = async (name: string) => (await readFile(path.join(GOLDEN, name), 'utf8')).split('\n').filter(Boolean);
  accessLines = await read('access.log');
  errorLines = await read('error.log');
  await write('access.log', `${accessLines.join('\n')}\n`);
  await write('error.log', `${errorLines.join('\n')}\n`);
  plain = await reportOf({
    ...base(),
    accessLogs: [path.join(dir, 'access.log')],
    errorLogs: [path.join(dir, 'error.log')],
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('analyse over wrapped logs', () => {
  it('the plain report is a real one: events by code, events joined to requests, a verdict, two files', () => {
    const report = JSON.parse(plain);
    expect(report.files.map((f: { log: string; lines: number }) => [f.log, f.lines])).toEqual([
      ['error', 226],
      ['access', 10],
    ]);
    expect(wrappers(plain)).toEqual(['none', 'none']);
    expect(report.events.length).toBeGreaterThan(50);
    expect(report.events.filter((e: { request?: unknown }) => e.request !== null).length).toBeGreaterThan(3);
    expect(report.versions.modWsgi).toBeTruthy();
  });

  const cases: [string, (s: 'stdout' | 'stderr', texts: string[]) => string, string][] = [
    ['cri', (s, t) => wrapCri(split(s, t)), 'cri'],
    ['docker', (s, t) => wrapDocker(split(s, t)), 'docker'],
    ['journal short-iso', (_s, t) => wrapJournalShort(t), 'journal'],
    ['journal json', (_s, t) => wrapJournalJson(t, (_text, i) => i % 3 === 0), 'journal'],
  ];
  for (const [name, wrap, wrapper] of cases) {
    for (const forced of ['auto', wrapper] as LogWrapperOption[]) {
      it(`${name} (${forced === 'auto' ? 'detected' : 'forced'}): the same report as the plain files`, async () => {
        const slug = name.replace(/\W/g, '-');
        const report = await reportOf({
          ...base(),
          accessLogs: [await write(`access-${slug}.log`, wrap('stdout', accessLines))],
          errorLogs: [await write(`error-${slug}.log`, wrap('stderr', errorLines))],
          logWrapper: forced,
        });
        expect(wrappers(report)).toEqual([wrapper, wrapper]);
        expect(blanked(report)).toBe(blanked(plain));
      });
    }
  }

  it('one CRI file holding both streams, interleaved, with partial lines: the report of the same lines unwrapped', async () => {
    const merged: StreamLine[] = [];
    const errors = split('stderr', errorLines);
    const accesses = split('stdout', accessLines);
    for (let i = 0; i < errors.length; i++) {
      merged.push(errors[i]);
      if (i % 20 === 19 && accesses.length > 0) merged.push(accesses.shift() as StreamLine);
    }
    merged.push(...accesses);
    // `docker logs 2>&1` gives the same lines unwrapped, in the same order: one source of both logs, by line shape.
    const unwrapped = await write('pod-plain.log', `${merged.map((l) => l.text).join('\n')}\n`);
    const reference = await reportOf({ ...base(), accessLogs: [], errorLogs: [], logs: [unwrapped] });
    expect(wrappers(reference)).toEqual(['none', 'none']);
    const pod = await write('pod.log', wrapCri(merged));
    const report = await reportOf({ ...base(), accessLogs: [], errorLogs: [], logs: [pod] });
    expect(JSON.parse(report).files.map((f: { path: string }) => f.path)).toEqual([pod, pod]);
    expect(wrappers(report)).toEqual(['cri', 'cri']);
    expect(blanked(report)).toBe(blanked(reference));
    // Named under both flags it is still read once, each stream to its parser.
    const both = await reportOf({ ...base(), accessLogs: [pod], errorLogs: [pod] });
    expect(blanked(both)).toBe(blanked(reference));
    // Read in its own order, a request's line follows its event closely: the joiner keeps every join of the separate
    // files (which are read error log first) and can only add some.
    const joins = (json: string) => JSON.parse(json).events.filter((e: { request: unknown }) => e.request !== null);
    expect(joins(report).length).toBeGreaterThanOrEqual(joins(plain).length);
    const counts = (json: string) => JSON.stringify({ ...JSON.parse(json), files: [], events: [] });
    expect(counts(report)).toBe(counts(plain));
  });

  it('stdin (`-`): a plain log, a wrapped one, and both logs in one stream split by line shape', async () => {
    const stdin = (text: string) => Readable.from([Buffer.from(text)]);
    const errorFile = path.join(dir, 'error.log');
    const accessFile = path.join(dir, 'access.log');
    const fromStdin = await reportOf({
      ...base(),
      accessLogs: [accessFile],
      errorLogs: ['-'],
      stdin: stdin(`${errorLines.join('\n')}\n`),
    });
    expect(JSON.parse(fromStdin).files[0].path).toBe('-');
    expect(blanked(fromStdin)).toBe(blanked(plain));
    const wrappedStdin = await reportOf({
      ...base(),
      accessLogs: ['-'],
      errorLogs: [errorFile],
      stdin: stdin(wrapDocker(split('stdout', accessLines))),
    });
    expect(wrappers(wrappedStdin)).toEqual(['none', 'docker']);
    expect(blanked(wrappedStdin)).toBe(blanked(plain));
    const mixed = await reportOf({
      ...base(),
      accessLogs: [],
      errorLogs: [],
      logs: ['-'],
      stdin: stdin(`${[...errorLines, ...accessLines].join('\n')}\n`),
    });
    expect(blanked(mixed)).toBe(blanked(plain));
  });

  it('a corrupt wrapper line is one more parse failure of its file, and nothing else changes', async () => {
    const cri = wrapCri(split('stderr', errorLines)).split('\n');
    cri.splice(100, 0, 'this line lost its CRI prefix');
    const report = await reportOf({
      ...base(),
      accessLogs: [path.join(dir, 'access.log')],
      errorLogs: [await write('error-corrupt.log', cri.join('\n'))],
    });
    const files = JSON.parse(report).files;
    const plainFiles = JSON.parse(plain).files;
    expect(files[0]).toMatchObject({ log: 'error', wrapper: 'cri', lines: 227 });
    expect(files[0].parseFailures).toBe(plainFiles[0].parseFailures + 1);
    // The report names it: its reason, the line and where it is.
    expect(JSON.parse(report).parseFailures).toContainEqual({
      log: 'error',
      reason: 'wrapper',
      count: 1,
      samples: [
        expect.objectContaining({
          text: 'this line lost its CRI prefix',
          file: path.join(dir, 'error-corrupt.log'),
          line: 101,
        }),
      ],
    });
    const withoutFiles = (json: string) => JSON.stringify({ ...JSON.parse(json), files: [], parseFailures: [] });
    expect(withoutFiles(report)).toBe(withoutFiles(plain));
  });

  it('the command: `journalctl -o short-iso … | wsgiwatch analyse --log-wrapper journal --error-log - …`', async () => {
    const main = path.join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        main,
        'analyse',
        '--format',
        'json',
        '--log-wrapper',
        'journal',
        '--error-log',
        '-',
        '--access-log',
        await write('access-journal.log', wrapJournalShort(accessLines, 'httpd')),
        '--access-log-format',
        ACCESS_FORMAT,
        '--location',
        '/app=1000',
        '--location',
        '/embedded',
      ],
      { input: wrapJournalShort(errorLines), encoding: 'utf8', timeout: 30_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(wrappers(r.stdout)).toEqual(['journal', 'journal']);
    expect(blanked(r.stdout)).toBe(blanked(plain));
  });
});
