import { describe, expect, it } from 'vitest';
import { parseWsgiDaemonProcess } from '../../../src/config/apache/parse-wsgi-daemon-process.ts';

const at = { file: '/c/httpd.conf', line: 3 };

describe('parseWsgiDaemonProcess', () => {
  it('parses the documented example with quoted values and defaults', () => {
    const r = parseWsgiDaemonProcess(
      'app processes=2 threads=15 display-name=%{GROUP} request-timeout=60 response-flush-delay=5 response-buffer-size=8388608 python-home="/srv/app/venv"',
      'default',
      at,
    );
    expect(r.errors).toEqual([]);
    expect(r.daemon).toMatchObject({
      name: 'app',
      processes: 2,
      threads: 15,
      responseFlushDelayMs: 5,
      responseBufferSize: 8388608,
      options: { 'python-home': '/srv/app/venv', 'display-name': '%{GROUP}' },
    });
    expect(r.versionHints).toEqual([{ option: 'response-flush-delay', needs: '>=6.0.2' }]);
    expect(parseWsgiDaemonProcess('x', 'default', at).daemon).toMatchObject({ processes: 1, threads: 15 });
  });

  it('reads numbers with atoi like mod_wsgi: "5ms" is 5, "abc" is 0', () => {
    expect(parseWsgiDaemonProcess('a response-flush-delay=5ms', 'default', at).daemon?.responseFlushDelayMs).toBe(5);
    expect(parseWsgiDaemonProcess('a response-flush-delay=abc', 'default', at).daemon?.responseFlushDelayMs).toBe(0);
  });

  it('rejects what mod_wsgi rejects', () => {
    const errs = (raw: string) => parseWsgiDaemonProcess(raw, 'default', at).errors;
    expect(errs('a Processes=2')[0]).toContain('Invalid option to WSGI daemon process definition.');
    expect(errs('a processes =2')[0]).toContain('Invalid option to WSGI daemon process definition.');
    expect(errs('a processes=0')[0]).toContain('processes');
    expect(errs('a threads=70000')[0]).toContain('thread');
    expect(errs('a response-buffer-size=1000')).toEqual([
      'Response buffer size must be >= 65536 bytes, or 0 for default.',
    ]);
    expect(errs('a response-buffer-size=0')).toEqual([]);
    expect(errs('a home=relative')[0]).toContain('absolute');
    expect(errs('a script-user=a script-group=b')).toEqual(['Only one of script-user and script-group allowed.']);
    expect(errs('a server-metrics=maybe')[0]).toContain('On or Off');
    expect(errs('a queue-timeout=')[0]).toContain('empty');
  });
});
