// The page's stylesheet, inlined and admitted by its hash like the script (no external font, image or sheet).

export const PAGE_STYLE = `:root{--bg:#f5f6f8;--card:#fff;--ink:#1d2330;--muted:#5d6677;--line:#e2e5eb;--red:#c62828;--red-bg:#fdecec;--green:#2e7d32;--green-bg:#e8f5e9;--amber:#b26a00;--amber-bg:#fff4e0;--grey:#5d6677;--grey-bg:#eef0f3;--blue:#1f5fbf}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.top{background:#16202e;color:#e9edf3;padding:14px 24px 12px}
header.top h1{margin:0;font-size:20px;font-weight:650;letter-spacing:.2px}
header.top h1 .mode{font-size:11px;font-weight:600;background:#2f3d52;color:#cfd8e3;border-radius:4px;padding:2px 7px;margin-left:10px;vertical-align:3px;text-transform:uppercase;letter-spacing:.6px}
header.top .meta{margin-top:6px;color:#aab6c5;font-size:13px}
header.top .meta span{margin-right:18px}
header.top .meta b{color:#e9edf3;font-weight:600}
header.top nav{margin-top:8px;font-size:13px}
header.top nav a{color:#8fc1ff;margin-right:16px}
main{padding:16px 24px 32px;max-width:1400px;margin:0 auto}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-bottom:18px}
.tile{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.tile .n{font-size:24px;font-weight:700;font-variant-numeric:tabular-nums}
.tile .l{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.5px}
.tile.bad{border-color:#f3b7b7;background:var(--red-bg)}.tile.bad .n{color:var(--red)}
.tile.warn .n{color:var(--amber)}
section{margin-top:22px}
section>h2{font-size:16px;margin:0 0 10px;font-weight:650}
section>h2 small{font-weight:400;color:var(--muted);font-size:13px;margin-left:8px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:14px}
.card{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--grey);border-radius:8px;padding:12px 14px}
.card.v-throttled{border-left-color:var(--red);background:linear-gradient(90deg,#fff6f6,#fff 40%)}
.card.v-conforming{border-left-color:var(--green)}
.card.v-ineffective{border-left-color:var(--amber)}
.card h3{margin:0;font-size:15px;display:flex;align-items:center;gap:10px;flex-wrap:wrap}
.card h3 .loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.card h3 .vh{color:var(--muted);font-weight:400;font-size:13px}
.badge{display:inline-block;font-size:11px;font-weight:700;border-radius:4px;padding:2px 8px;text-transform:uppercase;letter-spacing:.6px;background:var(--grey-bg);color:var(--grey)}
.badge.v-throttled,.badge.s-error{background:var(--red);color:#fff}
.badge.v-conforming{background:var(--green-bg);color:var(--green)}
.badge.v-ineffective,.badge.s-warning{background:var(--amber-bg);color:var(--amber)}
.badge.s-info{background:#e7effb;color:var(--blue)}
.facts{display:flex;gap:18px;flex-wrap:wrap;margin:8px 0 6px;color:var(--muted);font-size:13px}
.facts b{color:var(--ink);font-variant-numeric:tabular-nums}
.facts .ratio b{font-size:18px}
.v-throttled .facts .ratio b{color:var(--red)}
.explain{margin:6px 0;font-size:13px}
.fix{margin:6px 0 8px;font-size:13px;background:#f0f6ff;border:1px solid #cfe0fb;border-radius:6px;padding:6px 9px}
.fix::before{content:"Fix ";font-weight:700;color:var(--blue)}
.plots{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.plot{min-width:0}
.plot .t{font-size:12px;color:var(--muted);margin:4px 0 2px}
.chart{min-height:40px}
.empty{color:var(--muted);font-size:12px;font-style:italic;padding:12px 0}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.row2{display:grid;grid-template-columns:2fr 1fr;gap:14px}
table{border-collapse:collapse;width:100%;font-size:13px}
th{text-align:left;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);padding:5px 8px;white-space:nowrap}
td{border-bottom:1px solid #f0f1f4;padding:5px 8px;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.mono,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
tr.hl td{background:var(--red-bg)}tr.hl td.code{color:var(--red);font-weight:700}
.scroll{max-height:420px;overflow:auto}
.finding{border-left:4px solid var(--line);padding:6px 10px;margin:0 0 10px;background:var(--card);border-radius:6px;border:1px solid var(--line)}
.finding.s-error{border-left:4px solid var(--red)}.finding.s-warning{border-left:4px solid var(--amber)}.finding.s-info{border-left:4px solid var(--blue)}
.finding .head{display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.finding .rule{font-weight:650}
.finding .where{color:var(--muted);font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
.finding .msg{margin:4px 0}
.finding .throttles{font-size:13px;margin:4px 0}
.finding.first{box-shadow:0 0 0 2px #f3b7b7}
.req{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:14px}
.notes{color:var(--muted);font-size:12px;margin:14px 0 0;padding-left:18px}
.legend-note{color:var(--muted);font-size:12px}
details summary{cursor:pointer;color:var(--blue)}
.err{color:var(--red)}
footer{color:var(--muted);font-size:12px;padding:0 24px 24px;max-width:1400px;margin:0 auto}
@media (max-width:900px){.plots,.row2{grid-template-columns:1fr}.cards,.req{grid-template-columns:1fr}}
`;
