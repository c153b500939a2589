// ErrorLogFormats that projects and distributions ship (found with public code search; each case names where), with
// lines Apache wrote in that format: unless a case says otherwise, written on 2026-12-07 by Debian's apache2
// 2.4.71-1~deb12u1 and libapache2-mod-wsgi-py3 4.9.4 at LogLevel info (daemon start, the startup notice, a WSGI app
// writing to stderr, a missing static file requested with a Referer and X-Forwarded-For), read as UTC.

import { describe, expect, it } from 'vitest';
import { compileErrorLogFormat } from '../../../src/parse/error/compile-error-log-format.ts';
import type { ErrorRecord } from '../../../src/parse/error/error-record.ts';

type Expected = Partial<Omit<ErrorRecord, 'timeSeconds'>> & { time?: string };
interface Shipped {
  format: string;
  origin: string;
  lines: [string, Expected][];
}

const UTC = { utcOffsetMinutes: 0 };
/** `2026-12-07T05:57:15.234886Z` → Unix seconds with its microseconds. */
const seconds = (iso: string) => Date.parse(`${iso.slice(0, 19)}Z`) / 1000 + Number(`0${iso.slice(19, -1)}`);

const SHIPPED: Shipped[] = [
  {
    format: '%{cu}t %M',
    origin: "OpenStack: devstack's and puppet-keystone's keystone vhosts, RDO packaging",
    lines: [
      [
        "2026-12-07 05:57:15.234886 mod_wsgi (pid=7272): Starting process 't' with uid=33, gid=33 and threads=2.",
        {
          time: '2026-12-07T05:57:15.234886Z',
          message: "mod_wsgi (pid=7272): Starting process 't' with uid=33, gid=33 and threads=2.",
        },
      ],
      [
        '2026-12-07 05:57:15.264218 AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
        {
          time: '2026-12-07T05:57:15.264218Z',
          message:
            'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
          ahCode: 'AH00489',
        },
      ],
      ['2026-12-07 05:57:15.373795 app says hello', { time: '2026-12-07T05:57:15.373795Z', message: 'app says hello' }],
      [
        '2026-12-07 05:57:15.427143 AH00128: File does not exist: /tmp/wsgiwatch-apache-EaYWl6/nothere/x',
        {
          time: '2026-12-07T05:57:15.427143Z',
          message: 'AH00128: File does not exist: /tmp/wsgiwatch-apache-EaYWl6/nothere/x',
          ahCode: 'AH00128',
        },
      ],
    ],
  },
  {
    format: '%M',
    origin: "OpenStack devstack: freezer-api's vhost",
    lines: [
      [
        "mod_wsgi (pid=7402): Starting process 't' with uid=33, gid=33 and threads=2.",
        { message: "mod_wsgi (pid=7402): Starting process 't' with uid=33, gid=33 and threads=2." },
      ],
      [
        'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
        {
          message:
            'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
          ahCode: 'AH00489',
        },
      ],
      ['app says hello', { message: 'app says hello' }],
      [
        'AH00128: File does not exist: /tmp/wsgiwatch-apache-dlOiMJ/nothere/x',
        { message: 'AH00128: File does not exist: /tmp/wsgiwatch-apache-dlOiMJ/nothere/x', ahCode: 'AH00128' },
      ],
    ],
  },
  {
    format: '[%t] [%l] [pid %P] %F: %E: [client %a] %M',
    origin: "httpd docs (core.xml, ErrorLogFormat 'Simple example'), copied into Docker and Nomad templates",
    lines: [
      [
        "[Mon Dec 07 05:57:19 2026] [info] [pid 7565] src/server/mod_wsgi.c(9995): [client mod_wsgi (pid=7565): Starting process 't' with uid=33, gid=33 and threads=2.",
        {
          time: '2026-12-07T05:57:19.000000Z',
          message: "mod_wsgi (pid=7565): Starting process 't' with uid=33, gid=33 and threads=2.",
          level: 'info',
          pid: 7565,
          extra: { '%F': 'src/server/mod_wsgi.c(9995)' },
        },
      ],
      [
        '[Mon Dec 07 05:57:19 2026] [notice] [pid 7564] event.c(3321): [client AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
        {
          time: '2026-12-07T05:57:19.000000Z',
          message:
            'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
          level: 'notice',
          pid: 7564,
          extra: { '%F': 'event.c(3321)' },
          ahCode: 'AH00489',
        },
      ],
      [
        '[Mon Dec 07 05:57:19 2026] [error] [pid 7565] src/server/wsgi_logger.c(147): [client 127.0.0.1:47662] app says hello',
        {
          time: '2026-12-07T05:57:19.000000Z',
          message: 'app says hello',
          level: 'error',
          pid: 7565,
          extra: { '%F': 'src/server/wsgi_logger.c(147)' },
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 47662 },
        },
      ],
      [
        '[Mon Dec 07 05:57:19 2026] [info] [pid 7567] core.c(4928): [client 127.0.0.1:47664] AH00128: File does not exist: /tmp/wsgiwatch-apache-sBR1lR/nothere/x',
        {
          time: '2026-12-07T05:57:19.000000Z',
          message: 'AH00128: File does not exist: /tmp/wsgiwatch-apache-sBR1lR/nothere/x',
          level: 'info',
          pid: 7567,
          extra: { '%F': 'core.c(4928)' },
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 47664 },
          ahCode: 'AH00128',
        },
      ],
    ],
  },
  {
    format: '[%{u}t] [%-m:%l] [pid %P] %7F: %E: [client %a] [%{X-Forwarded-For}i] %M , referer %{Referer}i',
    origin: 'a Moodle Docker image (spaces unescaped)',
    lines: [
      [
        "[Mon Dec 07 05:57:21.545694 2026] [wsgi:info] [pid 7774] [client mod_wsgi (pid=7774): Starting process 't' with uid=33, gid=33 and threads=2. , referer",
        {
          time: '2026-12-07T05:57:21.545694Z',
          message: "mod_wsgi (pid=7774): Starting process 't' with uid=33, gid=33 and threads=2.",
          module: 'wsgi',
          level: 'info',
          pid: 7774,
        },
      ],
      [
        '[Mon Dec 07 05:57:21.559066 2026] [mpm_event:notice] [pid 7773] [client AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations , referer',
        {
          time: '2026-12-07T05:57:21.559066Z',
          message:
            'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
          module: 'mpm_event',
          level: 'notice',
          pid: 7773,
          ahCode: 'AH00489',
        },
      ],
      [
        '[Mon Dec 07 05:57:21.925041 2026] [wsgi:error] [pid 7774] [client 127.0.0.1:47678] app says hello , referer',
        {
          time: '2026-12-07T05:57:21.925041Z',
          message: 'app says hello',
          module: 'wsgi',
          level: 'error',
          pid: 7774,
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 47678 },
        },
      ],
      [
        '[Mon Dec 07 05:57:22.068304 2026] [core:info] [pid 7779] [client 127.0.0.1:47680] [10.1.2.3] AH00128: File does not exist: /tmp/wsgiwatch-apache-2MsUqj/nothere/x , referer http://ref.example/a b',
        {
          time: '2026-12-07T05:57:22.068304Z',
          message: 'AH00128: File does not exist: /tmp/wsgiwatch-apache-2MsUqj/nothere/x',
          module: 'core',
          level: 'info',
          pid: 7779,
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 47680 },
          extra: { '%{X-Forwarded-For}i': '10.1.2.3' },
          referer: 'http://ref.example/a b',
          ahCode: 'AH00128',
        },
      ],
    ],
  },
  {
    format: '[%{u}t] [%-m:%l] [pid %P] %7F: %E: [client\\ %a] [%{X-Forwarded-For}i] %M% ,\\ referer\\ %{Referer}i',
    origin: 'a Moodle Alpine image (X-Forwarded-For added to the 2.4 default)',
    lines: [
      [
        "[Mon Dec 07 05:57:24.612836 2026] [wsgi:info] [pid 7963] mod_wsgi (pid=7963): Starting process 't' with uid=33, gid=33 and threads=2.",
        {
          time: '2026-12-07T05:57:24.612836Z',
          message: "mod_wsgi (pid=7963): Starting process 't' with uid=33, gid=33 and threads=2.",
          module: 'wsgi',
          level: 'info',
          pid: 7963,
        },
      ],
      [
        '[Mon Dec 07 05:57:24.616408 2026] [mpm_event:notice] [pid 7962] AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
        {
          time: '2026-12-07T05:57:24.616408Z',
          message:
            'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
          module: 'mpm_event',
          level: 'notice',
          pid: 7962,
          ahCode: 'AH00489',
        },
      ],
      [
        '[Mon Dec 07 05:57:24.785173 2026] [wsgi:error] [pid 7963] [client 127.0.0.1:54362] app says hello',
        {
          time: '2026-12-07T05:57:24.785173Z',
          message: 'app says hello',
          module: 'wsgi',
          level: 'error',
          pid: 7963,
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 54362 },
        },
      ],
      [
        '[Mon Dec 07 05:57:24.892671 2026] [core:info] [pid 7965] [client 127.0.0.1:54376] [10.1.2.3] AH00128: File does not exist: /tmp/wsgiwatch-apache-jU2nKq/nothere/x, referer http://ref.example/a b',
        {
          time: '2026-12-07T05:57:24.892671Z',
          message: 'AH00128: File does not exist: /tmp/wsgiwatch-apache-jU2nKq/nothere/x',
          module: 'core',
          level: 'info',
          pid: 7965,
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 54376 },
          extra: { '%{X-Forwarded-For}i': '10.1.2.3' },
          referer: 'http://ref.example/a b',
          ahCode: 'AH00128',
        },
      ],
    ],
  },
  {
    format: '[%{u}t] [%-m:%l] [pid %P] %F: %E: %M',
    origin: 'an operations guide: the default without client and referer',
    lines: [
      [
        "[Mon Dec 07 05:57:26.619558 2026] [wsgi:info] [pid 8145] src/server/mod_wsgi.c(9995): mod_wsgi (pid=8145): Starting process 't' with uid=33, gid=33 and threads=2.",
        {
          time: '2026-12-07T05:57:26.619558Z',
          message: "mod_wsgi (pid=8145): Starting process 't' with uid=33, gid=33 and threads=2.",
          module: 'wsgi',
          level: 'info',
          pid: 8145,
          extra: { '%F': 'src/server/mod_wsgi.c(9995)' },
        },
      ],
      [
        '[Mon Dec 07 05:57:26.651273 2026] [mpm_event:notice] [pid 8144] event.c(3321): AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
        {
          time: '2026-12-07T05:57:26.651273Z',
          message:
            'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
          module: 'mpm_event',
          level: 'notice',
          pid: 8144,
          extra: { '%F': 'event.c(3321)' },
          ahCode: 'AH00489',
        },
      ],
      [
        '[Mon Dec 07 05:57:27.027508 2026] [wsgi:error] [pid 8145] src/server/wsgi_logger.c(147): app says hello',
        {
          time: '2026-12-07T05:57:27.027508Z',
          message: 'app says hello',
          module: 'wsgi',
          level: 'error',
          pid: 8145,
          extra: { '%F': 'src/server/wsgi_logger.c(147)' },
        },
      ],
      [
        '[Mon Dec 07 05:57:27.076434 2026] [core:info] [pid 8146] core.c(4928): AH00128: File does not exist: /tmp/wsgiwatch-apache-UdWzo2/nothere/x',
        {
          time: '2026-12-07T05:57:27.076434Z',
          message: 'AH00128: File does not exist: /tmp/wsgiwatch-apache-UdWzo2/nothere/x',
          module: 'core',
          level: 'info',
          pid: 8146,
          extra: { '%F': 'core.c(4928)' },
          ahCode: 'AH00128',
        },
      ],
    ],
  },
  {
    format: '[%{uz}t] [%-m:%l] [pid %P:tid %T] %7F: %E: [client\\ %a] %M% ,\\ referer\\ %{Referer}i',
    origin: 'the 2.4 default with the zone added (%{uz}t)',
    lines: [
      [
        "[Mon Dec 07 05:57:29.794768 2026 +0000] [wsgi:info] [pid 8346:tid 139663772800896] mod_wsgi (pid=8346): Starting process 't' with uid=33, gid=33 and threads=2.",
        {
          time: '2026-12-07T05:57:29.794768Z',
          message: "mod_wsgi (pid=8346): Starting process 't' with uid=33, gid=33 and threads=2.",
          module: 'wsgi',
          level: 'info',
          pid: 8346,
          tid: 139663772800896,
        },
      ],
      [
        '[Mon Dec 07 05:57:29.808209 2026 +0000] [mpm_event:notice] [pid 8344:tid 139663772800896] AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
        {
          time: '2026-12-07T05:57:29.808209Z',
          message:
            'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
          module: 'mpm_event',
          level: 'notice',
          pid: 8344,
          tid: 139663772800896,
          ahCode: 'AH00489',
        },
      ],
      [
        '[Mon Dec 07 05:57:30.475546 2026 +0000] [wsgi:error] [pid 8346:tid 139663742207680] [client 127.0.0.1:54398] app says hello',
        {
          time: '2026-12-07T05:57:30.475546Z',
          message: 'app says hello',
          module: 'wsgi',
          level: 'error',
          pid: 8346,
          tid: 139663742207680,
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 54398 },
        },
      ],
      [
        '[Mon Dec 07 05:57:30.492569 2026 +0000] [core:info] [pid 8347:tid 139663679420096] [client 127.0.0.1:54410] AH00128: File does not exist: /tmp/wsgiwatch-apache-OteYus/nothere/x, referer http://ref.example/a b',
        {
          time: '2026-12-07T05:57:30.492569Z',
          message: 'AH00128: File does not exist: /tmp/wsgiwatch-apache-OteYus/nothere/x',
          module: 'core',
          level: 'info',
          pid: 8347,
          tid: 139663679420096,
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 54410 },
          referer: 'http://ref.example/a b',
          ahCode: 'AH00128',
        },
      ],
    ],
  },
  {
    format: '[%{cu}t] [%-m:%l] [pid %P:tid %T] [client\\ %a] %M',
    origin: 'an alerting guide: compact time with µs',
    lines: [
      [
        "[2026-12-07 05:57:32.618450] [wsgi:info] [pid 8602:tid 139642428999552] mod_wsgi (pid=8602): Starting process 't' with uid=33, gid=33 and threads=2.",
        {
          time: '2026-12-07T05:57:32.618450Z',
          message: "mod_wsgi (pid=8602): Starting process 't' with uid=33, gid=33 and threads=2.",
          module: 'wsgi',
          level: 'info',
          pid: 8602,
          tid: 139642428999552,
        },
      ],
      [
        '[2026-12-07 05:57:32.628092] [mpm_event:notice] [pid 8601:tid 139642428999552] AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
        {
          time: '2026-12-07T05:57:32.628092Z',
          message:
            'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
          module: 'mpm_event',
          level: 'notice',
          pid: 8601,
          tid: 139642428999552,
          ahCode: 'AH00489',
        },
      ],
      [
        '[2026-12-07 05:57:32.739819] [wsgi:error] [pid 8602:tid 139642398443200] [client 127.0.0.1:54430] app says hello',
        {
          time: '2026-12-07T05:57:32.739819Z',
          message: 'app says hello',
          module: 'wsgi',
          level: 'error',
          pid: 8602,
          tid: 139642398443200,
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 54430 },
        },
      ],
      [
        '[2026-12-07 05:57:32.804209] [core:info] [pid 8603:tid 139642373248704] [client 127.0.0.1:54432] AH00128: File does not exist: /tmp/wsgiwatch-apache-DFqWBu/nothere/x',
        {
          time: '2026-12-07T05:57:32.804209Z',
          message: 'AH00128: File does not exist: /tmp/wsgiwatch-apache-DFqWBu/nothere/x',
          module: 'core',
          level: 'info',
          pid: 8603,
          tid: 139642373248704,
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 54432 },
          ahCode: 'AH00128',
        },
      ],
    ],
  },
  {
    format: '[%{cu}t] [%-m:%-l] %-a %-L %M',
    origin: 'an Ansible/Jinja vhost template: `-` for empty items, request log id',
    lines: [
      [
        "[2026-12-07 05:57:34.584471] [wsgi:info] - - mod_wsgi (pid=8754): Starting process 't' with uid=33, gid=33 and threads=2.",
        {
          time: '2026-12-07T05:57:34.584471Z',
          message: "mod_wsgi (pid=8754): Starting process 't' with uid=33, gid=33 and threads=2.",
          module: 'wsgi',
          level: 'info',
        },
      ],
      [
        '[2026-12-07 05:57:34.592050] [mpm_event:notice] - - AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
        {
          time: '2026-12-07T05:57:34.592050Z',
          message:
            'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
          module: 'mpm_event',
          level: 'notice',
          ahCode: 'AH00489',
        },
      ],
      [
        '[2026-12-07 05:57:34.679233] [wsgi:error] 127.0.0.1:46166 eer35izFFuc app says hello',
        {
          time: '2026-12-07T05:57:34.679233Z',
          message: 'app says hello',
          module: 'wsgi',
          level: 'error',
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 46166 },
          requestLogId: 'eer35izFFuc',
        },
      ],
      [
        '[2026-12-07 05:57:34.706198] [core:info] 127.0.0.1:46182 R5X45mzAFuc AH00128: File does not exist: /tmp/wsgiwatch-apache-zgS3RZ/nothere/x',
        {
          time: '2026-12-07T05:57:34.706198Z',
          message: 'AH00128: File does not exist: /tmp/wsgiwatch-apache-zgS3RZ/nothere/x',
          module: 'core',
          level: 'info',
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 46182 },
          requestLogId: 'R5X45mzAFuc',
          ahCode: 'AH00128',
        },
      ],
    ],
  },
  {
    format: '[%{%Y-%m-%dT%H:%M:%S}t.%{msec_frac}t%{%z}t] [ERROR] [APACHE] [ERROR]: [pid %P] [client %a] %M',
    origin:
      "a Docker entrypoint: strftime plus mod_log_config's msec_frac, which ErrorLogFormat reads as the flags c and m",
    lines: [
      [
        "[2026-12-07T05:57:36.2026-12-07 05:57:36.633+0000] [ERROR] [APACHE] [ERROR]: [pid 8847] [client mod_wsgi (pid=8847): Starting process 't' with uid=33, gid=33 and threads=2.",
        {
          time: '2026-12-07T05:57:36.633000Z',
          message: "mod_wsgi (pid=8847): Starting process 't' with uid=33, gid=33 and threads=2.",
          extra: { '%{%Y-%m-%dT%H:%M:%S}t': '2026-12-07T05:57:36', '%{%z}t': '+0000' },
          pid: 8847,
        },
      ],
      [
        '[2026-12-07T05:57:36.2026-12-07 05:57:36.639+0000] [ERROR] [APACHE] [ERROR]: [pid 8846] [client AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
        {
          time: '2026-12-07T05:57:36.639000Z',
          message:
            'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
          extra: { '%{%Y-%m-%dT%H:%M:%S}t': '2026-12-07T05:57:36', '%{%z}t': '+0000' },
          pid: 8846,
          ahCode: 'AH00489',
        },
      ],
      [
        '[2026-12-07T05:57:36.2026-12-07 05:57:36.724+0000] [ERROR] [APACHE] [ERROR]: [pid 8847] [client 127.0.0.1:46186] app says hello',
        {
          time: '2026-12-07T05:57:36.724000Z',
          message: 'app says hello',
          extra: { '%{%Y-%m-%dT%H:%M:%S}t': '2026-12-07T05:57:36', '%{%z}t': '+0000' },
          pid: 8847,
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 46186 },
        },
      ],
      [
        '[2026-12-07T05:57:36.2026-12-07 05:57:36.752+0000] [ERROR] [APACHE] [ERROR]: [pid 8850] [client 127.0.0.1:46196] AH00128: File does not exist: /tmp/wsgiwatch-apache-B0Dfys/nothere/x',
        {
          time: '2026-12-07T05:57:36.752000Z',
          message: 'AH00128: File does not exist: /tmp/wsgiwatch-apache-B0Dfys/nothere/x',
          extra: { '%{%Y-%m-%dT%H:%M:%S}t': '2026-12-07T05:57:36', '%{%z}t': '+0000' },
          pid: 8850,
          peerKind: 'client',
          peer: { ip: '127.0.0.1', port: 46196 },
          ahCode: 'AH00128',
        },
      ],
    ],
  },
  {
    format: '[%{uc}t] [%-m:-%l] [R:%L] [C:%{C}L] %7F: %E: %M',
    origin: 'httpd docs (core.xml, ErrorLogFormat with request and connection ids)',
    lines: [
      [
        "[2026-12-07 05:57:38.641448] [wsgi:-info] mod_wsgi (pid=9066): Starting process 't' with uid=33, gid=33 and threads=2.",
        {
          time: '2026-12-07T05:57:38.641448Z',
          message: "mod_wsgi (pid=9066): Starting process 't' with uid=33, gid=33 and threads=2.",
          module: 'wsgi',
          level: 'info',
        },
      ],
      [
        '[2026-12-07 05:57:38.651476] [mpm_event:-notice] AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
        {
          time: '2026-12-07T05:57:38.651476Z',
          message:
            'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
          module: 'mpm_event',
          level: 'notice',
          ahCode: 'AH00489',
        },
      ],
      [
        '[2026-12-07 05:57:38.751314] [wsgi:-error] [R:70o256yfF6o] app says hello',
        {
          time: '2026-12-07T05:57:38.751314Z',
          message: 'app says hello',
          module: 'wsgi',
          level: 'error',
          requestLogId: '70o256yfF6o',
        },
      ],
      [
        '[2026-12-07 05:57:38.843794] [core:-info] [R:ALg352yYF6o] AH00128: File does not exist: /tmp/wsgiwatch-apache-9h7bV6/nothere/x',
        {
          time: '2026-12-07T05:57:38.843794Z',
          message: 'AH00128: File does not exist: /tmp/wsgiwatch-apache-9h7bV6/nothere/x',
          module: 'core',
          level: 'info',
          requestLogId: 'ALg352yYF6o',
          ahCode: 'AH00128',
        },
      ],
    ],
  },
  {
    format: '[%{c}t] [%l] %M',
    origin: 'compact time without fraction',
    lines: [
      [
        "[2026-12-07 05:57:40] [info] mod_wsgi (pid=9177): Starting process 't' with uid=33, gid=33 and threads=2.",
        {
          time: '2026-12-07T05:57:40.000000Z',
          message: "mod_wsgi (pid=9177): Starting process 't' with uid=33, gid=33 and threads=2.",
          level: 'info',
        },
      ],
      [
        '[2026-12-07 05:57:40] [notice] AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
        {
          time: '2026-12-07T05:57:40.000000Z',
          message:
            'AH00489: Apache/2.4.71 (Debian) mod_wsgi/4.9.4 Python/3.11 configured -- resuming normal operations',
          level: 'notice',
          ahCode: 'AH00489',
        },
      ],
      [
        '[2026-12-07 05:57:40] [error] app says hello',
        { time: '2026-12-07T05:57:40.000000Z', message: 'app says hello', level: 'error' },
      ],
      [
        '[2026-12-07 05:57:40] [info] AH00128: File does not exist: /tmp/wsgiwatch-apache-tFZu8b/nothere/x',
        {
          time: '2026-12-07T05:57:40.000000Z',
          message: 'AH00128: File does not exist: /tmp/wsgiwatch-apache-tFZu8b/nothere/x',
          level: 'info',
          ahCode: 'AH00128',
        },
      ],
    ],
  },
];

describe('compileErrorLogFormat on the formats deployments ship', () => {
  for (const { format, origin, lines } of SHIPPED) {
    it(`${format} (${origin})`, () => {
      const compiled = compileErrorLogFormat(format, UTC);
      for (const [line, expected] of lines) {
        const r = compiled.parse(line);
        expect(r.ok, line).toBe(true);
        if (!r.ok) continue;
        const { time, ...fields } = expected;
        const { ok, prefixed, timeSeconds, ...got } = r;
        expect(prefixed, line).toBe(true);
        expect(got, line).toEqual(fields);
        if (time === undefined) expect(timeSeconds, line).toBeUndefined();
        else expect(timeSeconds, line).toBeCloseTo(seconds(time), 6);
      }
    });
  }
});

describe('compileErrorLogFormat: time items', () => {
  // One line of Debian's 2.4.71 with every kind of `%{…}t` (2026-12-07): flags u (µs), m (ms), c, z; strftime specs.
  const FORMAT =
    'A[%{m}t] B[%{cm}t] C[%{mu}t] D[%{cmz}t] E[%{%d/%b/%Y %T}t] F[%{%Y-%m-%dT%H:%M:%S %z}t] G[%{usec_frac}t] H[%{msec_frac}t] I[%{cz}t] %M';
  const LINE =
    'A[Mon Dec 07 05:58:14.553 2026] B[2026-12-07 05:58:14.553] C[Mon Dec 07 05:58:14.553051 2026] D[2026-12-07 05:58:14.553 +0000] E[07/Dec/2026 05:58:14] F[2026-12-07T05:58:14 +0000] G[2026-12-07 05:58:14.553056] H[2026-12-07 05:58:14.553] I[2026-12-07 05:58:14 +0000] mod_wsgi (pid=10743): Initializing Python.';

  it('times the line by its most precise flagged item and keeps the others as extra', () => {
    const r = compileErrorLogFormat(FORMAT, UTC).parse(LINE);
    expect(r).toMatchObject({ ok: true, message: 'mod_wsgi (pid=10743): Initializing Python.' });
    if (!r.ok) return;
    expect(r.timeSeconds).toBeCloseTo(seconds('2026-12-07T05:58:14.553051Z'), 6); // C: the first with µs
    expect(r.extra).toMatchObject({
      '%{m}t': 'Mon Dec 07 05:58:14.553 2026',
      '%{%d/%b/%Y %T}t': '07/Dec/2026 05:58:14',
    });
  });

  it('reads ms flags and strftime specs on their own', () => {
    const time = (format: string, line: string) => {
      const r = compileErrorLogFormat(format, UTC).parse(line);
      return r.ok ? r.timeSeconds : undefined;
    };
    expect(time('[%{m}t] %M', '[Mon Dec 07 05:58:14.553 2026] x')).toBeCloseTo(seconds('2026-12-07T05:58:14.553Z'), 6);
    expect(time('[%{cmz}t] %M', '[2026-12-07 05:58:14.553 +0100] x')).toBeCloseTo(
      seconds('2026-12-07T04:58:14.553Z'),
      6,
    );
    expect(time('[%{%d/%b/%Y %T}t] %M', '[07/Dec/2026 05:58:14] x')).toBe(seconds('2026-12-07T05:58:14Z'));
    expect(time('[%{%Y-%m-%dT%H:%M:%S %z}t] %M', '[2026-12-07T05:58:14 -0230] x')).toBe(
      seconds('2026-12-07T08:28:14Z'),
    );
    expect(time('%{%s}t %M', '1796623094 x')).toBe(1796623094);
    // A spec without a full date cannot time a line; one with an unknown conversion is kept as text.
    expect(time('[%{%H:%M}t] %M', '[05:58] x')).toBeUndefined();
    const odd = compileErrorLogFormat('[%{%Q}t] %M', UTC).parse('[what] x');
    expect(odd).toMatchObject({ ok: true, message: 'x', extra: { '%{%Q}t': 'what' } });
  });
});

describe('compileErrorLogFormat: OpenStack %{cu}t %M as pasted in a bug report', () => {
  // Keystone under Apache 2.4.34 + mod_wsgi 4.7.1, pasted in GrahamDumpleton/mod_wsgi#595 (2020-07-29).
  const LINES = [
    "2020-07-29 14:25:03.333457 mod_wsgi (pid=87148): Failed to exec Python script file '/usr/local/bin/keystone-wsgi-public'.",
    "2020-07-29 14:25:03.333520 mod_wsgi (pid=87148): Exception occurred processing WSGI script '/usr/local/bin/keystone-wsgi-public'.",
    '2020-07-29 14:25:03.333697 Traceback (most recent call last):',
    '2020-07-29 14:25:03.333719   File "/usr/local/bin/keystone-wsgi-public", line 6, in <module>',
    '2020-07-29 14:25:03.333723     from keystone.server.wsgi import initialize_public_application',
    "2020-07-29 14:25:03.333737 ModuleNotFoundError: No module named 'keystone'",
  ];

  it('reads the time and keeps the message, traceback indentation included', () => {
    const f = compileErrorLogFormat('%{cu}t %M', UTC);
    const got = LINES.map((l) => f.parse(l));
    expect(got.map((r) => (r.ok ? r.message : r))).toEqual(LINES.map((l) => l.slice(27)));
    expect(got.map((r) => (r.ok ? r.timeSeconds : undefined))[3]).toBeCloseTo(
      seconds('2020-07-29T14:25:03.333719Z'),
      6,
    );
  });
});
