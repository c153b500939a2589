# wsgiwatch lab app (test/lab/apache-lab.ts): routes that stream, raise, sleep and report their pid.
import os
import time


def _query(environ):
    out = {}
    for part in environ.get('QUERY_STRING', '').split('&'):
        if '=' in part:
            k, v = part.split('=', 1)
            out[k] = v
    return out


def application(environ, start_response):
    path = environ.get('PATH_INFO', '')
    q = _query(environ)
    if path == '/bytes':
        n = int(q.get('n', '1048576'))
        chunk = max(1, int(q.get('chunk', '8192')))
        ctype = q.get('type', 'application/octet-stream').replace('%2F', '/')
        start_response('200 OK', [('Content-Type', ctype), ('Content-Length', str(n))])
        block = b'x' * chunk

        def gen():
            left = n
            while left > 0:
                k = min(chunk, left)
                left -= k
                yield block if k == chunk else block[:k]

        return gen()
    if path == '/boom':
        raise RuntimeError('wsgiwatch lab: deliberate failure (%s)' % q.get('tag', '-'))
    if path == '/sleep':
        time.sleep(float(q.get('s', '1')))
        start_response('200 OK', [('Content-Type', 'text/plain')])
        return [b'slept\n']
    if path == '/pid':
        start_response('200 OK', [('Content-Type', 'text/plain')])
        return [str(os.getpid()).encode()]
    start_response('404 Not Found', [('Content-Type', 'text/plain')])
    return [b'not found\n']
