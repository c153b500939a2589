// The page's one script (besides the inlined chart library): renders HtmlReportData (the `report` embedded by analyse,
// or, on the agent's `/`, each /api/v1/snapshot mapped to the same shape) with DOM calls and textContent only, so a
// logged string can never become markup. Plain ES2017 in a string: it runs in the browser, not in Node; the page's
// Content-Security-Policy admits it by its SHA-256 (render-html-report.ts). Tested in Chromium by test/web/.

export const PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  // Every log-derived string reaches the page through textContent: nothing here parses a string as markup.
  var doc = document;
  var boot = JSON.parse(doc.getElementById('wsgiwatch-boot').textContent);
  var app = doc.getElementById('app');
  var charts = [];
  var COLORS = { '1xx': '#7b8794', '2xx': '#2e7d32', '3xx': '#1f5fbf', '4xx': '#b26a00', '5xx': '#c62828', other: '#8e6bbf', all: '#1f5fbf' };
  var KIND_COLORS = ['#1f5fbf', '#b26a00', '#8e6bbf', '#00897b', '#6d4c41', '#5d6677', '#ad1457', '#3949ab', '#7cb342', '#f4511e'];
  var VERDICT_TEXT = { throttled: 'throttled', conforming: 'conforming', ineffective: 'ineffective', unclear: 'unclear', 'insufficient-data': 'insufficient data', 'no-limit': 'no limit' };
  var BAND_LOW = 0.8;
  var BAND_HIGH = 1.25;

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent, child) {
    parent.appendChild(child);
    return child;
  }
  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }
  function fmtTime(s) {
    if (s === undefined || s === null || !isFinite(s)) return '-';
    var d = new Date(s * 1000);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds());
  }
  function fmtDuration(seconds) {
    if (seconds < 120) return Math.round(seconds) + ' s';
    if (seconds < 7200) return Math.round(seconds / 60) + ' min';
    if (seconds < 172800) return (seconds / 3600).toFixed(1) + ' h';
    return (seconds / 86400).toFixed(1) + ' days';
  }
  function fmtInt(n) {
    return n === undefined || n === null ? '-' : Math.round(n).toLocaleString('en-US');
  }
  function fmtNum(n, digits) {
    if (n === undefined || n === null || !isFinite(n)) return '-';
    return Number(n).toFixed(digits);
  }
  function fmtRate(kib) {
    if (kib >= 1024) return +(kib / 1024).toPrecision(2) + ' MiB/s';
    return +kib.toPrecision(2) + ' KiB/s';
  }
  function fmtSeconds(s) {
    if (s === undefined || s === null) return '-';
    if (s < 0.001) return +(s * 1000).toPrecision(1) + ' ms';
    if (s < 1) return +(s * 1000).toPrecision(2) + ' ms';
    return s.toFixed(s < 10 ? 2 : 1) + ' s';
  }
  function sum(obj) {
    var n = 0;
    for (var k in obj) if (Object.prototype.hasOwnProperty.call(obj, k)) n += obj[k];
    return n;
  }
  function entries(obj) {
    var out = [];
    for (var k in obj) if (Object.prototype.hasOwnProperty.call(obj, k)) out.push([k, obj[k]]);
    return out;
  }
  function table(parent, headers, rows, rowClass) {
    var t = add(parent, el('table'));
    var tr = add(add(t, el('thead')), el('tr'));
    headers.forEach(function (h) {
      add(tr, el('th', h.num ? 'num' : '', h.label));
    });
    var body = add(t, el('tbody'));
    rows.forEach(function (r, i) {
      var row = add(body, el('tr', rowClass ? rowClass(i) : ''));
      r.forEach(function (cell, j) {
        var h = headers[j];
        var td = add(row, el('td', (h.num ? 'num ' : '') + (h.cls || '')));
        if (cell !== null && typeof cell === 'object' && cell.nodeType) td.appendChild(cell);
        else td.textContent = cell === undefined || cell === null ? '' : String(cell);
      });
    });
    return t;
  }

  // ---- charts (uPlot) -------------------------------------------------------------------------------------------
  function chartWidth(box) {
    return Math.max(240, Math.floor(box.getBoundingClientRect().width) || 560);
  }
  function countPoints(data) {
    var n = 0;
    for (var i = 1; i < data.length; i++) for (var j = 0; j < data[i].length; j++) if (data[i][j] !== null && data[i][j] !== undefined) n++;
    return n;
  }
  function plot(box, opts, data) {
    box.setAttribute('data-points', String(countPoints(data)));
    if (data[0].length === 0) {
      box.appendChild(el('div', 'empty', 'no data in this span'));
      box.setAttribute('data-empty', '1');
      return;
    }
    if (data[0].length === 1 && opts.scales && opts.scales.x && opts.scales.x.time) {
      var x0 = data[0][0];
      opts.scales.x.range = [x0 - 60, x0 + 60];
    }
    opts.width = chartWidth(box);
    opts.height = opts.height || 180;
    opts.legend = opts.legend || { show: opts.series.length > 2, live: false };
    // The page states times in UTC: the axes too.
    opts.tzDate = function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); };
    opts.cursor = opts.cursor || { drag: { x: false, y: false } };
    charts.push(new uPlot(opts, data, box));
  }
  function timeAxis() {
    return { stroke: '#5d6677', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e2e5eb' } };
  }
  function valueAxis(label, fmt, size) {
    var a = { stroke: '#5d6677', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e2e5eb' }, size: size || 64 };
    if (label) a.label = label;
    if (fmt) a.values = function (u, vals) { return vals.map(function (v) { return v === null || v === undefined ? '' : fmt(v); }); };
    return a;
  }
  function drawHorizontal(u, value, color, dash) {
    var ctx = u.ctx;
    var y = u.valToPos(value, 'y', true);
    if (!isFinite(y) || y < u.bbox.top || y > u.bbox.top + u.bbox.height) return;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5 * devicePixelRatio;
    if (dash) ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(u.bbox.left, y);
    ctx.lineTo(u.bbox.left + u.bbox.width, y);
    ctx.stroke();
    ctx.restore();
  }
  function ratioChart(box, times, ratios) {
    var xs = [];
    var ys = [];
    for (var i = 0; i < times.length; i++) {
      xs.push(times[i]);
      ys.push(ratios[i] === undefined ? null : ratios[i]);
    }
    plot(box, {
      scales: { x: { time: true }, y: { distr: 3, range: function (u, min, max) { return [Math.min(0.1, min === null ? 0.1 : min * 0.8), Math.max(4, max === null ? 4 : max * 1.25)]; } } },
      axes: [timeAxis(), valueAxis('ratio', function (v) { return v < 1 ? String(+v.toFixed(2)) : String(+v.toFixed(1)); })],
      series: [{}, { label: 'median ratio', stroke: '#1d2330', width: 2, spanGaps: false, points: { show: xs.length < 60, size: 4 } }],
      hooks: {
        drawClear: [function (u) {
          var ctx = u.ctx;
          var top = u.valToPos(BAND_HIGH, 'y', true);
          var bottom = u.valToPos(BAND_LOW, 'y', true);
          ctx.save();
          ctx.fillStyle = 'rgba(46,125,50,0.13)';
          ctx.fillRect(u.bbox.left, top, u.bbox.width, bottom - top);
          ctx.restore();
        }],
        draw: [function (u) { drawHorizontal(u, 1, '#2e7d32', [4 * devicePixelRatio, 3 * devicePixelRatio]); }],
      },
    }, [xs, ys]);
  }
  function throughputChart(box, loc) {
    var rate = loc.rateKiBps;
    if (loc.throughput && loc.throughput.counts.length > 0) {
      var e = loc.throughput.edgesKiBps;
      var xs = [];
      for (var i = 0; i < loc.throughput.counts.length; i++) xs.push(Math.sqrt(e[i] * e[i + 1]));
      plot(box, {
        scales: { x: { time: false, distr: 3, range: function (u, min, max) { var lo = Math.min(min, rate || min); var hi = Math.max(max, rate || max); return [lo / 1.4, hi * 1.4]; } }, y: { range: function (u, min, max) { return [0, max * 1.1 + 1]; } } },
        axes: [valueAxis('achieved throughput', fmtRate), valueAxis('responses')],
        series: [{ label: 'KiB/s' }, { label: 'responses', stroke: '#1f5fbf', fill: 'rgba(31,95,191,0.35)', paths: uPlot.paths.bars({ size: [0.9, 60] }), points: { show: false } }],
        hooks: { draw: [function (u) { if (rate) drawVertical(u, rate, '#c62828'); }] },
      }, [xs, loc.throughput.counts.slice()]);
      return;
    }
    if (loc.achievedKiBps) {
      var a = loc.achievedKiBps;
      plot(box, {
        scales: { x: { time: false, range: [-2, 102] }, y: { range: function (u, min, max) { return [0, Math.max(max, rate || 0) * 1.2 + 1]; } } },
        axes: [xPercentiles(), valueAxis('', fmtRate, 84)],
        series: [{ label: 'percentile' }, { label: 'achieved KiB/s', stroke: '#1f5fbf', fill: 'rgba(31,95,191,0.35)', paths: uPlot.paths.bars({ size: [0.5, 80] }), points: { show: false } }],
        hooks: { draw: [function (u) { if (rate) drawHorizontal(u, rate, '#c62828'); }] },
      }, [[10, 50, 90], [a.p10, a.p50, a.p90]]);
      return;
    }
    box.setAttribute('data-points', '0');
    box.setAttribute('data-empty', '1');
    box.appendChild(el('div', 'empty', 'no measured response yet'));
  }
  function xPercentiles() {
    var a = valueAxis('percentile of responses', function (v) { return 'p' + v; });
    a.splits = function () { return [10, 50, 90]; };
    return a;
  }
  function drawVertical(u, value, color) {
    var ctx = u.ctx;
    var x = u.valToPos(value, 'x', true);
    if (!isFinite(x)) return;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash([5 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.restore();
  }
  function lineChart(box, xs, series, yAxis, scaleY, height) {
    var data = [xs];
    var s = [{}];
    series.forEach(function (ser) {
      // A series with no value at all (live: p50 and p99 are not in the snapshot) is left out, legend included.
      if (!ser.values.some(function (v) { return v !== null && v !== undefined; })) return;
      data.push(ser.values);
      s.push({ label: ser.label, stroke: ser.color, width: ser.width || 1.5, fill: ser.fill, points: ser.points || { show: false }, paths: ser.paths, spanGaps: false });
    });
    if (data.length === 1) {
      plot(box, {}, [[]]);
      return;
    }
    plot(box, { height: height, scales: { x: { time: true }, y: scaleY || {} }, axes: [timeAxis(), yAxis], series: s }, data);
  }

  // ---- sections --------------------------------------------------------------------------------------------------
  function section(id, title, note) {
    var sec = el('section');
    sec.id = id;
    var h2 = add(sec, el('h2', '', title));
    if (note) add(h2, el('small', '', note));
    return sec;
  }
  function emptyPanel(sec, text) {
    add(sec, el('div', 'panel empty', text));
    return sec;
  }
  function header(d) {
    var h = el('header', 'top');
    var h1 = add(h, el('h1', '', 'wsgiwatch'));
    add(h1, el('span', 'mode', d.mode === 'live' ? 'live' : 'report'));
    var meta = add(h, el('div', 'meta'));
    var v = d.versions || {};
    [['Apache', v.apache], ['mod_wsgi', v.modWsgi], ['Python', v.python], ['MPM', v.mpm]].forEach(function (p) {
      var s = add(meta, el('span', '', p[0] + ' '));
      add(s, el('b', 'version', p[1] || '?'));
    });
    var meta2 = add(h, el('div', 'meta'));
    if (d.span) {
      var sp = add(meta2, el('span', '', 'Logs from '));
      add(sp, el('b', '', fmtTime(d.span.fromSeconds)));
      sp.appendChild(doc.createTextNode(' to '));
      add(sp, el('b', '', fmtTime(d.span.toSeconds)));
      sp.appendChild(doc.createTextNode(' UTC (' + fmtDuration(d.span.toSeconds - d.span.fromSeconds) + ')'));
    }
    var gen = add(meta2, el('span', '', (d.mode === 'live' ? 'Snapshot ' : 'Generated ') + fmtTime(d.generatedAt) + ' UTC'));
    gen.id = 'generated-at';
    if (d.host) add(meta2, el('span', '', 'Host ' + d.host));
    if (boot.mode === 'live') {
      var nav = add(h, el('nav'));
      boot.links.forEach(function (l) {
        var a = add(nav, el('a', '', l));
        a.href = l;
      });
      var st = add(nav, el('span', 'status', ''));
      st.id = 'live-status';
    }
    return h;
  }

  function tiles(d) {
    var box = el('div', 'tiles');
    var throttled = d.locations.filter(function (l) { return l.verdict === 'throttled'; }).length;
    var limited = d.locations.filter(function (l) { return l.verdict !== 'no-limit'; }).length;
    var wsgi0210 = d.events.byCode.WSGI0210 || 0;
    var failures = d.files.reduce(function (a, f) { return a + f.parseFailures; }, 0);
    var lines = d.files.reduce(function (a, f) { return a + f.lines; }, 0);
    var errors = d.findings.filter(function (f) { return f.severity === 'error' || f.severity === 'warning'; }).length;
    [
      ['throttled locations', throttled + ' of ' + limited, throttled > 0 ? 'bad' : '', 'tile-throttled'],
      ['WSGI0210 events', fmtInt(wsgi0210), wsgi0210 > 0 ? 'bad' : '', 'tile-wsgi0210'],
      ['mod_wsgi / Apache events', fmtInt(d.events.total), '', 'tile-events'],
      ['findings (error, warning)', fmtInt(errors), errors > 0 ? 'warn' : '', 'tile-findings'],
      [d.mode === 'live' ? 'lines read' : 'lines read', fmtInt(lines), '', 'tile-lines'],
      ['parse failures', fmtInt(failures), failures > 0 ? 'warn' : '', 'tile-failures'],
    ].forEach(function (t) {
      var tile = add(box, el('div', 'tile ' + t[2]));
      tile.id = t[3];
      add(tile, el('div', 'n', t[1]));
      add(tile, el('div', 'l', t[0]));
    });
    return box;
  }

  function locationCards(d) {
    var sec = section('locations', 'Rate-limited locations', 'ratio = time mod_ratelimit allows ÷ time taken; conforming band 0.8–1.25 shaded; 1 = exactly at the rate');
    var limited = d.locations.filter(function (l) { return l.verdict !== 'no-limit'; });
    if (limited.length === 0) return emptyPanel(sec, 'No rate-limited location in these logs or this config.');
    var order = { throttled: 0, ineffective: 1, unclear: 2, 'insufficient-data': 3, conforming: 4 };
    limited.sort(function (a, b) { return (order[a.verdict] === undefined ? 9 : order[a.verdict]) - (order[b.verdict] === undefined ? 9 : order[b.verdict]); });
    var grid = add(sec, el('div', 'cards'));
    var starts = d.series ? d.series.starts : [];
    limited.forEach(function (l) {
      var card = add(grid, el('div', 'card v-' + l.verdict));
      card.setAttribute('data-location', l.vhost + ' ' + l.location);
      var h3 = add(card, el('h3'));
      add(h3, el('span', 'loc', l.location));
      add(h3, el('span', 'vh', l.vhost));
      add(h3, el('span', 'badge verdict v-' + l.verdict, VERDICT_TEXT[l.verdict] || l.verdict));
      var facts = add(card, el('div', 'facts'));
      var fact = function (label, value, cls) {
        var s = add(facts, el('span', cls || '', label + ' '));
        add(s, el('b', '', value));
      };
      fact('median ratio', fmtNum(l.medianRatio, 2), 'ratio');
      fact('rate', l.rateKiBps === undefined ? '-' : fmtInt(l.rateKiBps) + ' KiB/s');
      if (l.achievedKiBps) fact('achieved p50', fmtInt(l.achievedKiBps.p50) + ' KiB/s');
      fact('measured', fmtInt(l.samples));
      if (l.daemonGroup) fact('daemon', l.daemonGroup + (l.flushDelayMs !== undefined ? ' (flush-delay ' + l.flushDelayMs + ' ms)' : ''));
      add(card, el('div', 'explain', l.explanation));
      if (l.fix) add(card, el('div', 'fix', l.fix));
      var plots = add(card, el('div', 'plots'));
      var p1 = add(plots, el('div', 'plot'));
      add(p1, el('div', 't', 'median ratio over time'));
      var c1 = add(p1, el('div', 'chart chart-ratio'));
      var p2 = add(plots, el('div', 'plot'));
      add(p2, el('div', 't', l.throughput ? 'achieved throughput per response (red: configured rate)' : 'achieved throughput p10 / p50 / p90 (red: configured rate)'));
      var c2 = add(p2, el('div', 'chart chart-throughput'));
      card.draw = function () {
        ratioChart(c1, l.ratioTimes || starts, l.ratio || []);
        throughputChart(c2, l);
      };
    });
    return sec;
  }

  function eventsSection(d) {
    var sec = section('events', 'mod_wsgi and Apache events', fmtInt(d.events.total) + ' events; WSGI0210 in red');
    var row = add(sec, el('div', 'row2'));
    var left = add(row, el('div', 'panel'));
    var evBucket = d.series ? d.series.eventBucketSeconds || d.series.bucketSeconds : 0;
    add(left, el('div', 'legend-note', 'Events per ' + (evBucket ? fmtDuration(evBucket) : 'interval') + ' by kind'));
    var chart = add(left, el('div', 'chart chart-events'));
    var right = add(row, el('div', 'panel'));
    var codes = entries(d.events.byCode).filter(function (e) { return e[1] > 0; }).sort(function (a, b) { return b[1] - a[1]; });
    var kinds = entries(d.events.byKind).filter(function (e) { return e[1] > 0; }).sort(function (a, b) { return b[1] - a[1]; });
    var counts = codes.map(function (c) { return ['code', c[0], c[1]]; }).concat(kinds.map(function (k) { return ['kind', k[0], k[1]]; }));
    if (counts.length === 0) add(right, el('div', 'empty', 'No event in this span.'));
    else {
      var t = table(right, [{ label: '' }, { label: 'code / kind', cls: 'code' }, { label: 'count', num: true }], counts, function (i) { return counts[i][1] === 'WSGI0210' ? 'hl' : ''; });
      t.id = 'event-counts';
    }
    sec.draw = function () {
      var s = d.series;
      var starts = s ? s.eventStarts || s.starts : [];
      if (starts.length === 0) {
        plot(chart, {}, [[]]);
        return;
      }
      var series = [];
      var i = 0;
      entries(s.eventsByKind).forEach(function (e) {
        if (e[0] === 'WSGI0210') return;
        series.push({ label: e[0], values: e[1].map(function (n) { return n === 0 ? null : n; }), color: KIND_COLORS[i++ % KIND_COLORS.length], points: { show: true, size: 6 }, paths: function () { return null; } });
      });
      if (s.eventsByKind.WSGI0210) series.push({ label: 'WSGI0210', values: s.eventsByKind.WSGI0210.map(function (n) { return n === 0 ? null : n; }), color: '#c62828', width: 2, points: { show: true, size: 10, fill: '#c62828' }, paths: function () { return null; } });
      lineChart(chart, starts, series, valueAxis('events'), { range: function (u, min, max) { return [0, (max || 1) * 1.15]; } }, 200);
    };
    var list = d.events.list;
    if (list.length > 0) {
      var p = add(sec, el('div', 'panel'));
      p.style.marginTop = '12px';
      add(p, el('div', 'legend-note', list.length < d.events.total ? 'The latest ' + fmtInt(list.length) + ' of ' + fmtInt(d.events.total) + ' events, each with the request it broke when one was joined' : 'Each event with the request it broke, when one was joined'));
      var sc = add(p, el('div', 'scroll'));
      var rows = list.slice().reverse().map(function (e) {
        var r = e.request;
        var req = r ? [r.method, r.url, r.status].filter(function (x) { return x !== undefined && x !== null; }).join(' ') + (r.clientIp ? ' from ' + r.clientIp : '') : '';
        return [fmtTime(e.time), e.code || e.kind, e.message, req];
      });
      var et = table(sc, [{ label: 'time (UTC)' }, { label: 'code / kind', cls: 'code' }, { label: 'message', cls: 'mono' }, { label: 'request it broke', cls: 'mono' }], rows, function (i) { return rows[i][1] === 'WSGI0210' ? 'hl' : ''; });
      et.id = 'event-list';
    }
    return sec;
  }

  function findingsSection(d) {
    var sec = section('findings', 'Findings');
    if (d.findings.length === 0) return emptyPanel(sec, d.mode === 'live' ? 'No finding in the configuration.' : 'No finding (pass --apache-config to check the configuration).');
    d.findings.forEach(function (f, i) {
      var box = add(sec, el('div', 'finding s-' + f.severity + (i === 0 && f.rule.indexOf('flush-delay') === 0 ? ' first' : '')));
      var head = add(box, el('div', 'head'));
      add(head, el('span', 'badge s-' + f.severity, f.severity));
      add(head, el('span', 'rule', f.rule));
      if (f.file) add(head, el('span', 'where', f.file + (f.line !== undefined && f.line !== null ? ':' + f.line : '')));
      add(box, el('div', 'msg', f.message));
      if (f.locations && f.locations.length > 0) {
        add(box, el('div', 'throttles', 'Daemon group ' + f.subject + ' serves these rate-limited locations: ' + f.locations.map(function (l) { return l.name + ' (' + (VERDICT_TEXT[l.verdict] || l.verdict) + ')'; }).join(', ')));
      }
      add(box, el('div', 'fix', f.fix));
    });
    return sec;
  }

  function requestsSection(d) {
    var s = d.series;
    var any = s && s.requests.length > 0;
    var sec = section('requests', 'Requests per location', !any ? '' : s.bucketSeconds === 0 ? 'per second (all, 5xx) and p95 duration over the last minute, per refresh' : 'per ' + fmtDuration(s.bucketSeconds) + ' by status class; duration p50 / p95 / p99');
    if (!any) return emptyPanel(sec, 'No request in this span.');
    var grid = add(sec, el('div', 'req'));
    var draws = [];
    s.requests.forEach(function (r) {
      var p = add(grid, el('div', 'panel'));
      var h3 = add(p, el('h3', ''));
      h3.style.margin = '0 0 4px';
      h3.style.fontSize = '14px';
      add(h3, el('span', 'mono', r.location + '  '));
      add(h3, el('span', 'legend-note', r.vhost + ' · ' + fmtInt(r.requests) + ' requests'));
      var c1 = add(p, el('div', 'chart chart-requests'));
      var c2 = add(p, el('div', 'chart chart-durations'));
      draws.push(function () {
        var classes = entries(r.byClass).map(function (e) {
          return { label: e[0], values: e[1], color: COLORS[e[0]] || '#5d6677', width: e[0] === '5xx' ? 2 : 1.5 };
        });
        lineChart(c1, s.starts, classes, valueAxis(s.bucketSeconds === 0 ? 'req/s' : 'requests'), { range: function (u, min, max) { return [0, (max || 1) * 1.1]; } }, 150);
        lineChart(c2, s.starts, [
          { label: 'p50', values: r.durationP50, color: '#2e7d32' },
          { label: 'p95', values: r.durationP95, color: '#b26a00' },
          { label: 'p99', values: r.durationP99, color: '#c62828' },
        ], valueAxis('duration', fmtSeconds), { distr: 3 }, 150);
      });
    });
    sec.draw = function () { draws.forEach(function (f) { f(); }); };
    return sec;
  }

  function templatesSection(d) {
    var sec = section('error-templates', 'Other error-log lines', 'lines that are not events, grouped with numbers, ids, paths and addresses masked');
    var t = d.errorTemplates;
    if (!t) return emptyPanel(sec, 'Grouped only by analyse: run wsgiwatch analyse --format html on the error log.');
    if (t.templates.length === 0) return emptyPanel(sec, 'No error-log line outside the events.');
    var p = add(sec, el('div', 'panel'));
    if (t.ungrouped > 0) add(p, el('div', 'legend-note', fmtInt(t.ungrouped) + ' further lines past the template limit are counted here but not grouped.'));
    var sc = add(p, el('div', 'scroll'));
    var rows = t.templates.map(function (x) {
      var det = el('details');
      add(det, el('summary', 'mono', x.template));
      add(det, el('div', 'mono', 'e.g. ' + x.sample));
      return [fmtInt(x.count), (x.module || '-') + ':' + (x.level || '-'), det, fmtTime(x.firstSeconds), fmtTime(x.lastSeconds)];
    });
    table(sc, [{ label: 'lines', num: true }, { label: 'module:level', cls: 'mono' }, { label: 'template (click for a sample)' }, { label: 'first seen' }, { label: 'last seen' }], rows).id = 'template-table';
    return sec;
  }

  function filesSection(d) {
    var sec = section('files', 'Files read');
    var p = add(sec, el('div', 'panel'));
    var rows = d.files.map(function (f) {
      var s = null;
      if (f.samples && f.samples.length > 0) {
        s = el('details');
        add(s, el('summary', '', f.samples.length + ' sample' + (f.samples.length > 1 ? 's' : '')));
        f.samples.forEach(function (x) { add(s, el('div', 'mono', x.reason + ': ' + x.sample)); });
      }
      return [f.log, f.path, fmtInt(f.lines), fmtInt(f.parseFailures), s];
    });
    table(p, [{ label: 'log' }, { label: 'path', cls: 'mono' }, { label: 'lines', num: true }, { label: 'parse failures', num: true }, { label: 'failure samples' }], rows).id = 'file-table';
    return sec;
  }

  function render(d) {
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    var frag = doc.createDocumentFragment();
    frag.appendChild(header(d));
    var main = add(frag, el('main'));
    main.appendChild(tiles(d));
    var cards = main.appendChild(locationCards(d));
    var events = main.appendChild(eventsSection(d));
    main.appendChild(findingsSection(d));
    var requests = main.appendChild(requestsSection(d));
    main.appendChild(templatesSection(d));
    main.appendChild(filesSection(d));
    if (d.notes.length > 0) {
      var ul = add(main, el('ul', 'notes'));
      ul.id = 'notes';
      d.notes.forEach(function (n) { add(ul, el('li', '', n)); });
    }
    var scrollY = window.scrollY;
    app.textContent = '';
    app.appendChild(frag);
    // Charts are sized from their laid-out boxes: draw once the page is in the document.
    Array.prototype.forEach.call(cards.querySelectorAll('.card'), function (c) { if (c.draw) c.draw(); });
    if (events.draw) events.draw();
    if (requests.draw) requests.draw();
    window.scrollTo(0, scrollY);
  }

  // ---- live: the snapshot API in the report's shape ---------------------------------------------------------------
  var history = { times: [], byLocation: {} };
  var HISTORY_POINTS = 600;
  // The card's title names the location: an explanation's leading 'location: ' is left out (as in the report).
  function stripLabel(text, label) {
    return text.indexOf(label + ': ') === 0 ? text.slice(label.length + 2) : text;
  }
  // As build-html-report-data.ts splitFix: the 'Fix: ' sentence ends at '. ' before a capital.
  function splitFix(text) {
    var i = text.indexOf(' Fix: ');
    if (i < 0) return { explanation: text };
    var rest = text.slice(i + 6);
    var end = /\. (?=[A-Z])/.exec(rest);
    if (!end) return { explanation: text.slice(0, i), fix: rest };
    return { explanation: text.slice(0, i) + ' ' + rest.slice(end.index + 2), fix: rest.slice(0, end.index + 1) };
  }
  function fromSnapshot(snap) {
    var now = snap.generatedAtSeconds;
    history.times.push(now);
    var drop = history.times.length > HISTORY_POINTS;
    if (drop) history.times.shift();
    var seen = {};
    var requests = snap.locations.map(function (l) {
      var key = l.vhost + '\u0000' + l.location;
      seen[key] = true;
      var h = history.byLocation[key];
      if (!h) {
        h = { rps: [], err: [], p95: [] };
        for (var i = 1; i < history.times.length; i++) { h.rps.push(null); h.err.push(null); h.p95.push(null); }
        history.byLocation[key] = h;
      }
      h.rps.push(l.requestsPerSecond);
      h.err.push(l.requestsPerSecond * l.errorRatio);
      h.p95.push(l.p95DurationSeconds === undefined ? null : l.p95DurationSeconds);
      if (drop) { h.rps.shift(); h.err.shift(); h.p95.shift(); }
      return { vhost: l.vhost, location: l.location, requests: l.requestsTotal, byClass: { all: h.rps.slice(), '5xx': h.err.slice() }, durationP50: h.p95.map(function () { return null; }), durationP95: h.p95.slice(), durationP99: h.p95.map(function () { return null; }) };
    });
    for (var key in history.byLocation) if (!seen[key]) delete history.byLocation[key];
    var step = 10;
    var locations = snap.locations.map(function (l) {
      var f = splitFix(stripLabel(l.explanation, l.location));
      var n = l.ratioHistory.length;
      return {
        vhost: l.vhost, location: l.location, rateKiBps: l.rateKiBps, burstKiB: l.burstKiB, daemonGroup: l.daemonGroup, flushDelayMs: l.flushDelayMs,
        verdict: l.verdict, explanation: f.explanation, fix: f.fix, samples: l.samples, medianRatio: l.medianRatio, achievedKiBps: l.achievedKiBps,
        ratio: l.ratioHistory, ratioTimes: l.ratioHistory.map(function (_, i) { return now - (n - 1 - i) * step; }),
      };
    });
    var recent = snap.wsgi.recent;
    var eventStarts = [];
    var eventsByKind = {};
    var times = recent.map(function (e) { return e.timeSeconds; }).filter(function (t) { return t !== undefined && t !== null; });
    if (times.length > 0) {
      var bucket = 10;
      var first = Math.floor(Math.min.apply(null, times) / bucket) * bucket;
      var last = Math.floor(Math.max.apply(null, times) / bucket) * bucket;
      if ((last - first) / bucket > 360) { bucket = Math.ceil((last - first) / 360 / 60) * 60; first = Math.floor(first / bucket) * bucket; last = Math.floor(last / bucket) * bucket; }
      for (var t = first; t <= last; t += bucket) eventStarts.push(t);
      recent.forEach(function (e) {
        if (e.timeSeconds === undefined || e.timeSeconds === null) return;
        var idx = Math.floor((e.timeSeconds - first) / bucket);
        var keys = e.code === 'WSGI0210' ? [e.kind, 'WSGI0210'] : [e.kind];
        keys.forEach(function (k) {
          if (!eventsByKind[k]) eventsByKind[k] = eventStarts.map(function () { return 0; });
          if (idx >= 0 && idx < eventStarts.length) eventsByKind[k][idx]++;
        });
      });
    }
    var linked = {};
    snap.locations.forEach(function (l) { if (l.daemonGroup && l.verdict !== 'no-limit') (linked[l.daemonGroup] = linked[l.daemonGroup] || []).push({ name: l.vhost + ' ' + l.location, verdict: l.verdict }); });
    var findings = snap.findings.map(function (f) {
      var copy = {};
      for (var k in f) copy[k] = f[k];
      if (f.rule.indexOf('flush-delay') === 0 && linked[f.subject]) copy.locations = linked[f.subject];
      return copy;
    }).sort(function (a, b) { return (a.rule.indexOf('flush-delay') === 0 ? 0 : 1) - (b.rule.indexOf('flush-delay') === 0 ? 0 : 1); });
    return {
      mode: 'live', generatedAt: now, host: snap.host, versions: snap.versions,
      files: snap.sources.map(function (s) { return { path: s.path, log: s.log, lines: s.linesRead, parseFailures: s.parseFailures, samples: [] }; }),
      locations: locations,
      events: {
        byCode: snap.wsgi.byCode, byKind: snap.wsgi.byKind, total: sum(snap.wsgi.byKind),
        list: recent.map(function (e) { return { time: e.timeSeconds, code: e.code, kind: e.kind, message: e.message, request: e.request ? { method: e.request.method, url: e.request.url, status: e.request.status, clientIp: e.request.clientIp, time: e.request.timeSeconds } : undefined }; }),
      },
      findings: findings,
      series: { bucketSeconds: 0, starts: history.times.slice(), eventBucketSeconds: bucket, eventStarts: eventStarts, eventsByKind: eventsByKind, requests: requests },
      notes: ['Live view of ' + boot.snapshotPath + ', refreshed every ' + (boot.refreshMs / 1000) + ' s. Request plots show requests per second (all and 5xx) and p95 duration over the last minute, one point per refresh since this page was opened (at most ' + HISTORY_POINTS + '). Ratio plots show the median ratio every 10 s (the last 30). Events are the latest ' + recent.length + ' kept by the agent.'],
    };
  }

  function fail(message) {
    var s = doc.getElementById('live-status');
    if (s) { s.className = 'status err'; s.textContent = message; }
  }
  function poll() {
    fetch(boot.snapshotPath, { cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (res) {
        if (!res.ok) throw new Error('snapshot: HTTP ' + res.status);
        return res.json();
      })
      .then(function (snap) {
        render(fromSnapshot(snap));
        doc.documentElement.setAttribute('data-ready', '1');
        doc.documentElement.setAttribute('data-snapshot-at', String(snap.generatedAtSeconds));
      })
      .catch(function (err) {
        console.error(err);
        fail(String(err && err.message ? err.message : err));
        doc.documentElement.setAttribute('data-ready', '1');
      })
      .then(function () { setTimeout(poll, boot.refreshMs); });
  }
  if (boot.mode === 'live') {
    app.textContent = 'Loading ' + boot.snapshotPath + ' …';
    poll();
  } else {
    render(boot.data);
    doc.documentElement.setAttribute('data-ready-ms', String(Math.round(performance.now())));
    doc.documentElement.setAttribute('data-ready', '1');
  }
})();
`;
