// Load generator for /api/v1/stream (and the same-run baseline): opens N connections, each subscribing
// M symbols (round-robin over a pool) on the given channels, then measures, after a warm-up, delivered
// messages/s and end-to-end latency (receive time - the message's event time `t`, epoch ms) with
// HdrHistogram, seq gaps per (connection, symbol, channel), and the server process's CPU and RSS.
// Bounded: it stops by itself after warm-up + duration. Prints one JSON line of results.
// Usage: node stream-load.mjs --url ws://127.0.0.1:18090/api/v1/stream --conns 1000 --symbols 10 \
//          --pool 100 --channels level1,level2,trades --warmup 10 --duration 20 [--pid <server pid>] [--label x]
import WebSocket from 'ws';
import * as hdr from 'hdr-histogram-js';
import { readFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) =>
  (v.startsWith('--') ? a.concat([[v.slice(2), all[i + 1]]]) : a), []));
const url = args.url || 'ws://127.0.0.1:8080/api/v1/stream';
const conns = Number(args.conns || 200);
const perConn = Number(args.symbols || 10);
const poolSize = Number(args.pool || 100);
const channels = (args.channels || 'level1').split(',');
const warmup = Number(args.warmup || 10);
const duration = Number(args.duration || 20);
const pid = args.pid ? Number(args.pid) : null;
const label = args.label || url;

// Liquid US names the symbol master knows; the baseline accepts anything.
const POOL = ('AAPL MSFT AMZN GOOGL META NVDA TSLA JPM V JNJ WMT PG MA HD CVX MRK ABBV PEP KO AVGO COST ADBE CSCO ACN '
  + 'TMO MCD ABT CRM DHR LIN NKE TXN NEE PM ORCL UPS RTX QCOM HON AMGN LOW INTC IBM SBUX CAT GS BA AMD DE GE MMM '
  + 'BLK AXP SPGI PLD LMT MDT ISRG GILD ADP SYK MO CVS C TGT BKNG ZTS CB DIS CI DUK SO USB PNC SCHW TJX BDX CL '
  + 'APD ITW EOG NOC FDX GM F EMR ETN HUM WM AON ICE CME MCO PGR SHW ECL NSC CSX KMB GIS MET AIG T VZ').split(' ');
const pool = POOL.slice(0, Math.min(poolSize, POOL.length));

const hist = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000, numberOfSignificantValueDigits: 3 });
let measuring = false;
let delivered = 0, bytes = 0, gaps = 0, snapshots = 0, errors = 0, closes = 0, opened = 0, failed = 0;
const closeCodes = {};

function cpuTicks(p) {
  const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime, in clock ticks (100/s)
}
function rssKb(p) {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

function num(text, key) {
  const i = text.indexOf(key);
  if (i < 0) return -1;
  let j = i + key.length, v = 0;
  for (let c = text.charCodeAt(j); c >= 48 && c <= 57; c = text.charCodeAt(++j)) v = v * 10 + (c - 48);
  return v;
}

// Never hang: a connection that neither opens nor fails within 15 s counts as failed, and the whole run
// ends after warm-up + duration + 60 s whatever happens.
const CONNECT_TIMEOUT_MS = 15_000;
setTimeout(() => { console.log(JSON.stringify({ label, aborted: 'hard deadline', opened, failed, delivered })); process.exit(2); },
  (warmup + duration + 60) * 1000).unref();

function open(i) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: CONNECT_TIMEOUT_MS });
    const lastSeq = new Map();
    ws.on('open', () => {
      opened++;
      const syms = [];
      for (let k = 0; k < perConn; k++) syms.push(pool[(i * perConn + k) % pool.length]);
      for (const ch of channels) ws.send(JSON.stringify({ action: 'subscribe', channel: ch, symbols: syms }));
      resolve(ws);
    });
    ws.on('message', (data) => {
      const text = data.toString();
      const now = Date.now();
      const typeEnd = text.indexOf('"', 9);
      const type = text.substring(9, typeEnd);
      if (type === 'subscribed' || type === 'pong' || type === 'resumed') return;
      if (type === 'error') { errors++; return; }
      const s0 = text.indexOf('"symbol":"') + 10;
      const symbol = text.substring(s0, text.indexOf('"', s0));
      const seq = num(text, '"seq":');
      let channel = type;
      if (type === 'snapshot') {
        snapshots++;
        const c0 = text.indexOf('"channel":"') + 11;
        channel = text.substring(c0, text.indexOf('"', c0));
        lastSeq.set(channel + symbol, seq);
        return;
      }
      const key = channel + symbol;
      const prev = lastSeq.get(key);
      if (prev !== undefined && seq !== prev + 1 && channel !== 'level1') gaps++; // level1 may conflate by design
      lastSeq.set(key, seq);
      if (!measuring) return;
      delivered++;
      bytes += data.length;
      const t = num(text, '"t":');
      hist.recordValue(Math.max(1, now - t)); // ms; the floor of 1 is the resolution of `t`
    });
    ws.on('close', (code) => { closes++; closeCodes[code] = (closeCodes[code] || 0) + 1; });
    ws.on('error', () => { failed++; resolve(null); });
  });
}

const sockets = [];
const BATCH = 50;
const t0 = Date.now();
for (let i = 0; i < conns; i += BATCH) {
  const batch = [];
  for (let k = i; k < Math.min(conns, i + BATCH); k++) batch.push(open(k));
  sockets.push(...(await Promise.all(batch)));
}
const connectMs = Date.now() - t0;

await new Promise((r) => setTimeout(r, warmup * 1000));
const cpu0 = pid ? cpuTicks(pid) : 0;
const selfCpu0 = process.cpuUsage();
const rssStart = pid ? rssKb(pid) : 0;
const m0 = Date.now();
measuring = true;
hist.reset();
await new Promise((r) => setTimeout(r, duration * 1000));
measuring = false;
const elapsed = (Date.now() - m0) / 1000;
const cpu = pid ? (cpuTicks(pid) - cpu0) / 100 / elapsed : null;
const self = process.cpuUsage(selfCpu0);
const clientCpu = (self.user + self.system) / 1e6 / elapsed;
const rss = pid ? rssKb(pid) : null;
const closedByServer = closes;
for (const ws of sockets) ws?.terminate();

const out = {
  label, conns, opened, failed, symbolsPerConn: perConn, pool: pool.length, channels: channels.join(','),
  connectMs, seconds: Number(elapsed.toFixed(1)),
  deliveredPerSec: Math.round(delivered / elapsed), avgBytes: delivered ? Math.round(bytes / delivered) : 0,
  clientCpuCores: Number(clientCpu.toFixed(2)),
  p50ms: hist.getValueAtPercentile(50), p99ms: hist.getValueAtPercentile(99),
  p999ms: hist.getValueAtPercentile(99.9), maxMs: hist.maxValue,
  gaps, snapshots, errors, serverClosed: closedByServer, closeCodes,
  serverCpuCores: cpu === null ? null : Number(cpu.toFixed(2)),
  serverRssMb: rss === null ? null : Math.round(rss / 1024), serverRssStartMb: pid ? Math.round(rssStart / 1024) : null,
};
console.log(JSON.stringify(out));
process.exit(0);
