/**
 * The report page's stylesheet, inlined so the HTML file stands alone. Large type and strong colours:
 * it must be readable on a laptop at 3 a.m. and when printed to PDF (colours kept in print).
 */
export const reportCss = `
:root { --ok: #116329; --bad: #a40e26; --warn: #8a5300; --muted: #57606a; --line: #d0d7de; --ink: #1f2328; --paper: #ffffff; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font: 17px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink); background: var(--paper); }
.banner { color: #fff; padding: 28px 40px 24px; }
.banner-succeeded { background: var(--ok); } .banner-failed { background: var(--bad); } .banner-aborted { background: var(--warn); }
.verdict { font-size: 48px; font-weight: 800; letter-spacing: 0.04em; line-height: 1.1; }
.banner h1 { margin: 6px 0 4px; font-size: 26px; font-weight: 600; }
.banner .meta { margin: 0; font-size: 15px; opacity: 0.95; word-break: break-all; }
main { padding: 8px 40px 40px; max-width: 1180px; }
h2 { font-size: 22px; margin: 32px 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
.failure { border: 3px solid var(--bad); background: #ffebe9; padding: 14px 18px; margin-top: 24px; border-radius: 6px; }
.failure h2 { border: 0; margin: 0 0 6px; color: var(--bad); }
.failure dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
.failure dt { font-weight: 700; } .failure dd { margin: 0; word-break: break-word; }
.cards { display: flex; gap: 16px; flex-wrap: wrap; margin-top: 24px; }
.card { flex: 1 1 240px; border: 2px solid var(--line); border-radius: 8px; padding: 14px 18px; }
.card .label { font-size: 15px; font-weight: 700; color: var(--muted); text-transform: uppercase; letter-spacing: 0.06em; }
.card .value { font-size: 40px; font-weight: 800; line-height: 1.2; }
.card .objective { font-size: 16px; color: var(--muted); }
.pill { display: inline-block; padding: 1px 10px; border-radius: 999px; font-size: 14px; font-weight: 700; color: #fff; }
.pill-met, .pill-PASS, .pill-ok { background: var(--ok); } .pill-missed, .pill-FAIL, .pill-failed { background: var(--bad); }
.pill-over-budget { background: var(--warn); } .pill-not-measured, .pill-skipped, .pill-not-run { background: var(--muted); }
.card-met { border-color: var(--ok); } .card-missed { border-color: var(--bad); }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: #fff; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 14px; color: var(--muted); margin-top: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 15px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; word-break: break-word; }
th { background: #f6f8fa; font-weight: 700; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
tr.tone-bad td { background: #ffebe9; } tr.tone-warn td { background: #fff8c5; } tr.tone-muted td { color: var(--muted); }
tr.tone-ok td:first-child { box-shadow: inset 4px 0 0 var(--ok); } tr.tone-bad td:first-child { box-shadow: inset 4px 0 0 var(--bad); }
.journal td { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 36px; font-size: 13px; color: var(--muted); word-break: break-all; }
code { font: 14px ui-monospace, "DejaVu Sans Mono", monospace; }
@page { size: A4; margin: 12mm; }
@media print { body { font-size: 12px; } .banner { padding: 16px 20px; } main { padding: 4px 0 0; } .verdict { font-size: 34px; } .card .value { font-size: 28px; } }
`;
