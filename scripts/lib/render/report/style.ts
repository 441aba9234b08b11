/** The one stylesheet of every report and dashboard page (inlined: pages must work offline). */
export const PAGE_CSS = `
:root{--ink:#1b2330;--muted:#5b6675;--line:#dfe4ea;--soft:#f4f6f9;--accent:#1f5fae;--alert:#c0392b;--ok:#1e8449;--warn:#b9770e}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#eef1f5;color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
header.top{max-width:960px;margin:0 auto;padding:18px 28px 0;display:flex;gap:14px;align-items:center;flex-wrap:wrap}
.kicker{color:var(--muted);font-size:13px;letter-spacing:.04em;text-transform:uppercase}
.tlp{display:inline-flex;gap:10px;align-items:center;background:#000;border-radius:4px;padding:4px 10px;font-size:12px}
.tlp-label{font-weight:700;letter-spacing:.04em}
.tlp-guidance{color:#d6d6d6}
.tlp.tlp-clear .tlp-label{color:#fff}.tlp.tlp-green .tlp-label{color:#33ff00}
.tlp.tlp-amber .tlp-label,.tlp.tlp-amber-strict .tlp-label{color:#ffc000}.tlp.tlp-red .tlp-label{color:#ff2b2b}
main{max-width:960px;margin:12px auto 0;background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(16,24,40,.08);padding:28px 36px 20px}
footer{max-width:960px;margin:0 auto;padding:14px 28px 40px;color:var(--muted);font-size:12.5px}
footer code{font-size:11.5px}
footer h2{font-size:14px;border:0;margin:6px 0 4px;color:var(--ink)}
footer .facts{display:block;margin:6px 0}
footer .facts div{display:flex;gap:10px;background:none;padding:2px 0;border-radius:0}
footer .facts dt{min-width:110px;font-size:11px;padding-top:2px}
footer .facts dd{font-weight:400;margin:0}
h1{font-size:26px;line-height:1.25;margin:0 0 6px}
h2{font-size:18px;margin:28px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--soft)}
h3{font-size:15.5px;margin:20px 0 8px}
h4,h5,h6{font-size:14.5px;margin:16px 0 6px}
p{margin:8px 0}
p,li,dd,blockquote,figcaption{overflow-wrap:break-word}
a{color:var(--accent)}
code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);border-radius:4px;padding:1px 5px;overflow-wrap:anywhere}
pre{background:var(--soft);border-radius:6px;padding:10px 12px;overflow:auto}
pre code{background:none;padding:0}
blockquote{margin:10px 0;padding:4px 14px;border-left:4px solid var(--line);color:var(--muted)}
ul,ol{padding-left:22px;margin:8px 0}
li{margin:3px 0}
.muted{color:var(--muted)}
.withheld{display:inline-block;font:600 12px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#1b2330;color:#fff;border-radius:4px;padding:0 6px}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;margin:16px 0}
.facts div{background:var(--soft);border-radius:8px;padding:9px 12px}
.facts dt{font-size:11.5px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.facts dd{margin:2px 0 0;font-weight:600;overflow-wrap:anywhere}
.table{overflow-x:auto;margin:10px 0}
table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{text-align:left;vertical-align:top;padding:6px 9px;border-bottom:1px solid var(--line)}
th{white-space:nowrap;background:var(--soft);font-weight:600;font-size:12.5px;color:#344054}
td.right,th.right{text-align:right}td.center,th.center{text-align:center}
tbody tr:nth-child(even) td{background:#fbfcfd}
.callout{border-radius:8px;padding:8px 14px;margin:12px 0;border:1px solid var(--line);background:var(--soft)}
.callout.warn{border-color:#f3d19c;background:#fff8ec}.callout.ok{border-color:#b7e1c6;background:#f1fbf4}.callout.info{border-color:#c9dcf3;background:#f3f8fe}
figure.chart-wrap{margin:14px 0;padding:10px 10px 4px;border:1px solid var(--line);border-radius:8px}
figcaption{font-size:12px;color:var(--muted);text-align:center;padding:4px 0}
svg.chart{display:block;font-family:inherit}
svg .band{fill:#f7f9fb}svg .grid{stroke:#e3e8ee;stroke-width:1}
svg .tick{font-size:10.5px;fill:#5b6675}svg .label{font-size:11.5px;fill:#1b2330}svg .when{font-size:10px;fill:#5b6675}
svg .bar.done{fill:#7ea6d8}svg .bar.current{fill:#1f5fae}svg .bar.alert{fill:#d9534f}svg .bar.calm{fill:#8fc9a3}
svg .bar.open{opacity:.75}svg .milestone{fill:#1b2330}
svg .line{fill:none;stroke:#1f5fae;stroke-width:2}svg .line.second{stroke:#d9534f}svg .dot{fill:#1f5fae}svg .dot.second{fill:#d9534f}
svg .col{fill:#7ea6d8}svg .axis{stroke:#98a2b3;stroke-width:1}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px;margin:14px 0}
.card{background:var(--soft);border-radius:10px;padding:12px 14px}
.card .n{font-size:26px;font-weight:700;line-height:1.1}
.card .t{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.pill{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px;font-weight:600;background:var(--soft)}
.pill.overdue{background:#fde8e6;color:var(--alert)}.pill.upcoming{background:#fff3dc;color:var(--warn)}
.bars{display:grid;grid-template-columns:auto 1fr auto;gap:4px 10px;align-items:center;font-size:13px}
.bars .track{background:var(--soft);border-radius:4px;height:12px}.bars .fill{background:#7ea6d8;border-radius:4px;height:12px}
.columns{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0 28px}.column>h2:first-child{margin-top:20px}
@media (max-width:640px){.columns{grid-template-columns:1fr}}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:8px 28px}
@media (max-width:640px){main{padding:18px}header.top,footer{padding-left:16px;padding-right:16px}}
@page{size:A4;margin:14mm 14mm 16mm}
@media print{
body{background:#fff;font-size:10.5pt}
header.top,main,footer{max-width:none;padding-left:0;padding-right:0}
header.top{padding-top:0}
footer{padding-bottom:0}
main{box-shadow:none;border-radius:0;padding-top:0;margin-top:8px}
.tlp{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.withheld,.facts div,th,.bar,.band,.callout,.card,.pill{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h2{break-after:avoid;page-break-after:avoid}
tr,figure,.facts div,.callout,.card{break-inside:avoid;page-break-inside:avoid}
a{color:inherit;text-decoration:none}
.table{overflow:visible}
}
body.compact{font-size:14px}
body.compact main{padding:22px 30px 14px}
body.compact h2{margin:16px 0 6px;font-size:16px}
body.compact .facts{margin:10px 0;gap:8px}
body.compact td:first-child{white-space:nowrap}
@media print{
body.compact{font-size:8.6pt;line-height:1.4}
body.compact h1{font-size:14pt;margin-bottom:2px}
body.compact .facts dd{font-size:8pt}
body.compact h2{font-size:10pt;margin:6px 0 2px;padding-bottom:1px;border-bottom-width:1px}
body.compact .column>h2:first-child{margin-top:6px}
body.compact p{margin:3px 0}
body.compact .facts{grid-template-columns:repeat(5,1fr);gap:5px;margin:6px 0}
body.compact .facts div{padding:3px 7px}
body.compact .facts dt{font-size:6.8pt}
body.compact th,body.compact td{padding:2px 6px;font-size:8pt}
body.compact figure.chart-wrap{padding:3px 6px 0;margin:5px 0}
body.compact figcaption{padding:1px 0;font-size:7pt}
body.compact footer{font-size:6.5pt;padding-top:2px}
body.compact footer code{font-size:6.5pt;padding:0 2px}
body.compact footer h2{font-size:8pt;margin:2px 0}
body.compact footer p{margin:2px 0}
body.compact footer .facts div{display:inline-flex;margin-right:14px;gap:5px}
body.compact footer .facts dt{min-width:0}
body.compact footer .facts+p{display:none}
body.compact .tlp{font-size:7.5pt;padding:2px 8px}
}
`.trim().replace(/\n/g, '');
