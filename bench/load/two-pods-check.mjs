// Services mode with two real realtime processes and one Redis (issue 8, item 7):
//
//   node bench/load/two-pods-check.mjs <realtime quarkus-run.jar> [redis://127.0.0.1:6379]
//
// Starts two realtime processes (MDE_STREAM_BUS=redis, a fresh key prefix), then checks over real
// WebSockets: (1) both pods deliver the same level-2 frames under the same seqs; (2) a client that saw
// a stream on pod A resumes on pod B from Redis Streams with no gap or duplicate; (3) after a kill -9 of
// the lease holder, the other process takes the upstream over within seconds and its clients see a
// level-2 reset and contiguous seqs. Prints PASS/FAIL per check; exits 1 on any failure. Cleans its keys.
import { spawn, execFileSync } from 'node:child_process';
import { WebSocket } from 'ws';

const jar = process.argv[2];
const redisUrl = process.argv[3] || 'redis://127.0.0.1:6379';
const prefix = 'mde-check-stream-' + Math.random().toString(36).slice(2, 8);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let failed = 0;
const check = (ok, what) => { console.log(`${ok ? 'PASS' : 'FAIL'} ${what}`); if (!ok) failed++; };

function startPod(name, port) {
  const env = { ...process.env, MDE_STREAM_BUS: 'redis', MDE_STREAM_REDIS_URL: redisUrl, MDE_STREAM_REDIS_PREFIX: prefix,
    MDE_STREAM_LEASE_TTL: '2s', MDE_STREAM_SIMULATOR_FOLLOW_CALENDAR: 'false', MDE_STREAM_SIMULATOR_RATE_PER_SYMBOL: '50',
    MDE_STREAM_SIMULATOR_HALTS_PER_DAY: '0', QUARKUS_HTTP_PORT: String(port) };
  const p = spawn('java', ['-Xmx256m', '-jar', jar], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const pod = { name, port, proc: p, holder: false, ready: false, log: '' };
  const onData = (d) => {
    const s = d.toString();
    pod.log += s;
    if (s.includes('holds the lease')) pod.holder = true;
    if (s.includes('lease lost')) pod.holder = false;
    if (/started in|Listening on/.test(s)) pod.ready = true;
  };
  p.stdout.on('data', onData);
  p.stderr.on('data', onData);
  return pod;
}

function client(port) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/stream`);
  const c = { ws, frames: [], acks: [] };
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    if (m.type === 'level2' || (m.type === 'snapshot' && m.channel === 'level2')) c.frames.push({ seq: m.seq, text: d.toString(), snapshot: m.type === 'snapshot', reset: !!m.reset });
    else if (m.type === 'resumed') c.acks.push(m);
  });
  c.open = new Promise((r, j) => { ws.on('open', r); ws.on('error', j); });
  c.send = (o) => ws.send(JSON.stringify(o));
  return c;
}

function gapFree(frames) {
  let expect = frames.length && !frames[0].snapshot ? frames[0].seq : -1;
  for (const f of frames) {
    if (f.snapshot) { expect = f.seq + 1; continue; }
    if (expect < 0 || f.seq !== expect) return `seq ${f.seq} where ${expect} was due`;
    expect++;
  }
  return null;
}

const a = startPod('A', 18181);
const b = startPod('B', 18182);
try {
  for (let i = 0; i < 600 && !(a.ready && b.ready); i++) await sleep(100);
  check(a.ready && b.ready, 'both realtime processes started');
  for (let i = 0; i < 100 && !(a.holder || b.holder); i++) await sleep(100);
  check(a.holder !== b.holder, `exactly one holds the upstream lease (${a.holder ? 'A' : 'B'})`);

  // (1) same frames, same seqs
  const ca = client(a.port); const cb = client(b.port);
  await Promise.all([ca.open, cb.open]);
  for (const c of [ca, cb]) c.send({ action: 'subscribe', channel: 'level2', symbols: ['AAPL'] });
  ca.send({ action: 'subscribe', channel: 'level2', symbols: ['AMZN'] }); // a stream pod B does not follow
  await sleep(3000);
  const sym = (f) => JSON.parse(f.text).symbol;
  const aapl = ca.frames.filter((f) => sym(f) === 'AAPL');
  const amzn = ca.frames.filter((f) => sym(f) === 'AMZN');
  const byA = new Map(aapl.filter((f) => !f.snapshot).map((f) => [f.seq, f.text]));
  const common = cb.frames.filter((f) => !f.snapshot && byA.has(f.seq));
  check(common.length > 20 && common.every((f) => byA.get(f.seq) === f.text),
    `same level-2 frames under the same seqs on both pods (${common.length} compared)`);
  check(!gapFree(aapl) && !gapFree(amzn) && !gapFree(cb.frames), `gap-free on both pods ${gapFree(aapl) || ''}${gapFree(cb.frames) || ''}`);

  // (2) a client of pod A comes back on pod B and resumes: from B's own history (AAPL, which B follows)
  // and from Redis Streams (AMZN, which B never followed)
  const lastSeen = aapl[aapl.length - 1].seq;
  const lastAmzn = amzn[amzn.length - 1].seq;
  ca.ws.close();
  await sleep(1000);
  const cr = client(b.port);
  await cr.open;
  cr.send({ action: 'resume', channel: 'level2', symbol: 'AMZN', fromSeq: lastAmzn + 1 });
  cr.send({ action: 'resume', channel: 'level2', symbol: 'AAPL', fromSeq: lastSeen + 1 });
  await sleep(1500);
  for (const [s, from] of [['AAPL', lastSeen + 1], ['AMZN', lastAmzn + 1]]) {
    const ack = cr.acks.find((x) => x.symbol === s);
    const resumed = cr.frames.filter((f) => sym(f) === s);
    check(ack && !ack.snapshot && ack.replayed > 10 && resumed.length && resumed[0].seq === from && !gapFree(resumed),
      `${s}: resume on pod B from seq ${from} seen on pod A: replayed ${ack && ack.replayed}, first ${resumed[0] && resumed[0].seq}, ${gapFree(resumed) || 'no gap'}`);
  }

  // (3) kill -9 the lease holder
  const holder = a.holder ? a : b; const survivor = holder === a ? b : a;
  const cs = survivor === b ? cb : client(survivor.port);
  if (cs !== cb) { await cs.open; cs.send({ action: 'subscribe', channel: 'level2', symbols: ['AAPL'] }); await sleep(1000); }
  const before = cs.frames.length;
  const killedAt = Date.now();
  holder.proc.kill('SIGKILL');
  for (let i = 0; i < 150 && !survivor.holder; i++) await sleep(50);
  const takeover = Date.now() - killedAt;
  check(survivor.holder && takeover < 6000, `pod ${survivor.name} took the upstream over ${takeover} ms after the kill`);
  await sleep(2000);
  const after = cs.frames.slice(before);
  check(after.some((f) => f.reset), 'its clients got a level-2 reset');
  check(after.length > 20 && !gapFree(cs.frames), `seqs contiguous across the takeover ${gapFree(cs.frames) || ''}`);
  for (const c of [cb, cr, cs]) c.ws.close();
} finally {
  for (const p of [a, b]) { try { p.proc.kill('SIGKILL'); } catch { /* gone */ } }
  try {
    const keys = execFileSync('redis-cli', ['-u', redisUrl, '--scan', '--pattern', `${prefix}:*`]).toString().split('\n').filter(Boolean);
    for (let i = 0; i < keys.length; i += 500) execFileSync('redis-cli', ['-u', redisUrl, 'DEL', ...keys.slice(i, i + 500)]);
  } catch (e) { console.log(`(could not clean ${prefix}:* : ${e.message})`); }
}
if (failed) { console.log(`${failed} check(s) failed; logs:\n--- A\n${a.log.slice(-3000)}\n--- B\n${b.log.slice(-3000)}`); process.exit(1); }
console.log('all checks passed');
