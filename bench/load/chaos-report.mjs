// The table of a chaos run (bench/chaos.sh): reads load.jsonl (one line a second from chaos-load.mjs),
// marks.jsonl (kill / restart / end of each fault), audit.jsonl and vendors.jsonl from --dir, prints Markdown.
//
// Per fault, over its window (from the kill to its end mark: recovered, or gave up):
//   failed       HTTP requests that failed (by status; "timeout" = over 5 s, "error" = connection refused/reset)
//   closes       stream connections closed under the clients (each reconnected and re-subscribed)
//   silent gaps  seq jumps with no snapshot or reset between: must be 0
//   resnapshots  snapshots after the first (the engine re-anchoring a client) + level-2 book resets
//   recovered    seconds from the kill to the end of the last second that was not normal (a failed request,
//                a connection missing, or no stream frame at all); 0 when the clients saw nothing
//   stalled      seconds in which the clients received no stream frame at all
//   fresh bars   intraday answers fresh from each vendor (source.cache "none"): who served while it was down
// and for the 10 s before the first fault, the same counts as a baseline.
import { readFileSync, existsSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) =>
  (v.startsWith('--') ? a.concat([[v.slice(2), all[i + 1]]]) : a), []));
const dir = args.dir;
const conns = Number(args.conns);
const jsonl = (f) => (existsSync(`${dir}/${f}`) ? readFileSync(`${dir}/${f}`, 'utf8').split('\n').filter((l) => l.trim()).map(JSON.parse) : []);
const load = jsonl('load.jsonl');
const marks = jsonl('marks.jsonl');

function sum(lines, f) {
  return lines.reduce((s, l) => s + l[f], 0);
}
function codes(lines) {
  const c = {};
  for (const l of lines) for (const [k, v] of Object.entries(l.codes)) c[k] = (c[k] || 0) + v;
  return Object.entries(c).map(([k, v]) => `${v}×${k}`).join(', ');
}
const healthy = (l) => l.fail === 0 && l.open === conns;

const faults = [];
for (const m of marks) {
  let f = faults.find((x) => x.fault === m.fault && !x.end);
  if (!f) faults.push((f = { fault: m.fault }));
  f[m.event] = m.t;
}

const rows = [];
const first = faults.length ? faults[0].kill : Infinity;
// the warm-up (cold JVMs, every stream connection opening at once) apart from the steady 10 s before the faults
rows.push(row('(warm-up: cold start, connections opening)', load.filter((l) => l.t < first - 10_000), null));
rows.push(row('(10 s before the faults)', load.filter((l) => l.t < first && l.t >= first - 10_000), null));
for (const f of faults) {
  const win = load.filter((l) => l.t > f.kill && l.t <= (f.end || Infinity));
  rows.push(row(f.fault, win, f));
}

function row(name, win, f) {
  let recovered = '-';
  if (f) {
    const bad = win.filter((l) => !healthy(l) || l.frames === 0);
    recovered = bad.length ? ((bad[bad.length - 1].t - f.kill) / 1000).toFixed(0) : '0';
  }
  const secs = win.length;
  const vendors = {};
  for (const l of win) for (const [k, v] of Object.entries(l.vendors || {})) vendors[k] = (vendors[k] || 0) + v;
  return {
    name,
    secs,
    requests: sum(win, 'ok') + sum(win, 'fail'),
    failed: sum(win, 'fail'),
    codes: codes(win),
    closes: sum(win, 'closes'),
    silent: sum(win, 'silentGaps'),
    resnap: sum(win, 'resnapshots'),
    resets: sum(win, 'resets'),
    backwards: sum(win, 'backwards'),
    frames: sum(win, 'frames'),
    stalled: win.filter((l) => l.frames === 0).length,
    vendors: Object.entries(vendors).map(([k, v]) => `${k} ${v}`).join(', ') || '-',
    minOpen: win.length ? Math.min(...win.map((l) => l.open)) : 0,
    recovered,
    down: f && f.restart ? ((f.restart - f.kill) / 1000).toFixed(0) : '-',
  };
}

const out = [];
out.push(`Chaos run: ${conns} stream connections; ${dir}`);
out.push('');
out.push('| fault | s | down s | HTTP requests | failed (by status) | fresh bars by vendor | stream frames | stalled s | min open | closed | silent gaps | resnapshots + resets | duplicates | recovered s |');
out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  out.push(`| ${r.name} | ${r.secs} | ${r.down} | ${r.requests} | ${r.failed}${r.codes ? ` (${r.codes})` : ''} | ${r.vendors} | ${r.frames} | ${r.stalled} | ${r.minOpen} | ${r.closes} | `
    + `${r.silent} | ${r.resnap} + ${r.resets} | ${r.backwards} | ${r.recovered} |`);
}
const audit = jsonl('audit.jsonl');
out.push('');
const acked = audit.reduce((s, a) => s + a.acked, 0);
const stored = audit.reduce((s, a) => s + a.stored, 0);
out.push(`Audit: ${acked} entries acknowledged (journals' last sequence numbers, ${audit.length} writers), ${stored} in PostgreSQL: `
  + `${acked - stored <= 0 ? 'none lost' : `${acked - stored} missing`}.`);
for (const a of audit) out.push(`  - writer ${a.writer}: acknowledged ${a.acked}, stored ${a.stored}`);
const vendors = jsonl('vendors.jsonl');
out.push('');
out.push(`Vendor fakes (requests served; the primary's count restarts with it): ${vendors.map((v) => `${v.vendor} ${v.requests}`).join(', ')}`);
const silent = rows.reduce((s, r) => s + r.silent, 0);
out.push('');
out.push(silent === 0 ? 'Silent gaps: 0 (every discontinuity was a snapshot, a book reset or a closed connection).'
  : `SILENT GAPS: ${silent} (a client saw a seq jump with no snapshot or reset): a defect.`);
console.log(out.join('\n'));
