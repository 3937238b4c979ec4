// The clients of a chaos run (bench/chaos.sh): HTTP clients at a paced rate and N stream connections, all
// kept up while stores and processes are killed under them, writing one JSON line per second to --out:
//   {"t":<epoch ms>,"ok":n,"fail":n,"codes":{"503":n,"timeout":n,...},"vendors":{"polygon":n,...},
//    "open":<stream connections open>,"frames":n,"silentGaps":n,"resnapshots":n,"resets":n,
//    "closes":n,"reconnects":n,"backwards":n}
// What is counted, per (connection, channel, symbol), on the stream:
//   silentGaps   a data frame whose seq is not the previous seq + 1, with no snapshot or reset between: the
//                failure the API forbids (API.md: "increasing by exactly 1, so a gap is visible")
//   resnapshots  a snapshot after the first one on that key (the engine re-anchoring the client)
//   resets       a level-2 frame with "reset":true (a whole book again: a new upstream term)
//   closes       connections closed under the client (a killed process); each reconnects after 250 ms to
//                the next realtime URL and subscribes again, and what it gets first is a snapshot
//   backwards    a seq at or below the previous one (a duplicate): counted apart, never merged into gaps
// HTTP: each request is one of --mix (weights), and fails when it is not 2xx, errs, or takes over 5 s.
//   ohlcv     cached one-year daily OHLCV of a liquid name
//   intraday  the last two hours of 1-minute bars of a name cycling through --pool (short TTL: the provider
//             is asked again; counted in "vendors" by source.provider when source.cache is "none": fresh
//             from that vendor)
//   status    /markets/NYSE/status on the status function
// Runs until SIGTERM/SIGINT (or --seconds), then prints a totals line on stdout.
//
// node chaos-load.mjs --historical http://127.0.0.1:18701 --status http://127.0.0.1:18703 \
//   --realtime ws://127.0.0.1:18702/api/v1/stream,ws://127.0.0.1:18704/api/v1/stream --key <api key> \
//   --rate 200 --conns 1000 --symbols 2 --channels trades,level2 --out load.jsonl [--seconds 600]
import WebSocket from 'ws';
import { appendFileSync, writeFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) =>
  (v.startsWith('--') ? a.concat([[v.slice(2), all[i + 1]]]) : a), []));
const historical = args.historical;
const status = args.status || historical;
const realtime = (args.realtime || '').split(',').filter(Boolean);
const key = args.key || '';
const rate = Number(args.rate || 200);
const conns = Number(args.conns || 1000);
const perConn = Number(args.symbols || 2);
const channels = (args.channels || 'trades,level2').split(',');
const out = args.out || 'chaos-load.jsonl';
const seconds = Number(args.seconds || 3600);
const mix = Object.fromEntries((args.mix || 'ohlcv:5,intraday:2,status:3').split(',').map((p) => {
  const [k, w] = p.split(':');
  return [k, Number(w)];
}));
const POOL = ('AAPL MSFT AMZN GOOGL META NVDA TSLA JPM V JNJ WMT PG MA HD CVX MRK ABBV PEP KO AVGO COST ADBE CSCO ACN '
  + 'TMO MCD ABT CRM DHR LIN NKE TXN NEE PM ORCL UPS RTX QCOM HON AMGN LOW INTC IBM SBUX CAT GS BA AMD DE GE MMM').split(' ');
const pool = POOL.slice(0, Number(args.pool || POOL.length));
if (!historical || realtime.length === 0) {
  console.error('--historical and --realtime are required');
  process.exit(2);
}
writeFileSync(out, '');

// --- counters of the current second ----------------------------------------------------------------
let sec = fresh();
const total = fresh();
function fresh() {
  return { ok: 0, fail: 0, codes: {}, vendors: {}, frames: 0, silentGaps: 0, resnapshots: 0, resets: 0, closes: 0,
    reconnects: 0, backwards: 0 };
}
function count(field, n = 1) {
  sec[field] += n;
  total[field] += n;
}
function failed(code) {
  count('fail');
  sec.codes[code] = (sec.codes[code] || 0) + 1;
  total.codes[code] = (total.codes[code] || 0) + 1;
}

// --- HTTP clients, paced -----------------------------------------------------------------------------
const headers = key ? { 'X-API-Key': key } : {};
const weights = Object.entries(mix).filter(([, w]) => w > 0);
const weightSum = weights.reduce((s, [, w]) => s + w, 0);
let intradayTurn = 0;
function pick() {
  let r = Math.random() * weightSum;
  for (const [k, w] of weights) {
    if ((r -= w) < 0) return k;
  }
  return weights[0][0];
}
function requestUrl(kind) {
  if (kind === 'status') return `${status}/api/v1/markets/NYSE/status`;
  if (kind === 'ohlcv') return `${historical}/api/v1/market-data/ohlcv/AAPL?interval=1d&from=2025-01-02&to=2026-01-01`;
  const sym = pool[intradayTurn++ % pool.length];
  const to = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const from = new Date(to.getTime() - 2 * 3_600_000);
  return `${historical}/api/v1/market-data/ohlcv/${sym}?interval=1m&from=${from.toISOString()}&to=${to.toISOString()}`;
}
async function one() {
  const kind = pick();
  try {
    const res = await fetch(requestUrl(kind), { headers, signal: AbortSignal.timeout(5000) });
    const body = await res.text();
    if (res.status >= 200 && res.status < 300) {
      count('ok');
      const from = kind === 'intraday' && body.includes('"cache":"none"') ? /"provider":"([a-z_]+)"/.exec(body) : null;
      if (from) {
        sec.vendors[from[1]] = (sec.vendors[from[1]] || 0) + 1;
        total.vendors[from[1]] = (total.vendors[from[1]] || 0) + 1;
      }
    } else {
      failed(String(res.status));
    }
  } catch (e) {
    failed(e.name === 'TimeoutError' ? 'timeout' : 'error');
  }
}
let inflight = 0;
const MAX_INFLIGHT = 256;
const tickMs = 20;
let owed = 0;
const pacer = setInterval(() => {
  owed += (rate * tickMs) / 1000;
  while (owed >= 1) {
    owed -= 1;
    if (inflight >= MAX_INFLIGHT) {
      failed('client-backlog'); // the engine is so slow that the client would queue without bound
      continue;
    }
    inflight++;
    one().finally(() => inflight--);
  }
}, tickMs);

// --- stream connections --------------------------------------------------------------------------------
let open = 0;
let turn = 0;
let stopping = false;

function num(text, k) {
  const i = text.indexOf(k);
  if (i < 0) return -1;
  let j = i + k.length, v = 0;
  for (let c = text.charCodeAt(j); c >= 48 && c <= 57; c = text.charCodeAt(++j)) v = v * 10 + (c - 48);
  return v;
}
function str(text, k) {
  const i = text.indexOf(k);
  if (i < 0) return null;
  const s = i + k.length;
  return text.substring(s, text.indexOf('"', s));
}

function connect(i, first) {
  const base = realtime[turn++ % realtime.length];
  const url = key ? `${base}?apiKey=${encodeURIComponent(key)}` : base;
  const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 10_000 });
  const lastSeq = new Map(); // channel+symbol -> last seq; a new connection starts with none
  let wasOpen = false;
  ws.on('open', () => {
    wasOpen = true;
    open++;
    if (!first) count('reconnects');
    const syms = [];
    for (let k = 0; k < perConn; k++) syms.push(pool[(i * perConn + k) % pool.length]);
    for (const ch of channels) ws.send(JSON.stringify({ action: 'subscribe', channel: ch, symbols: syms }));
  });
  ws.on('message', (data) => {
    const text = data.toString();
    const type = str(text, '"type":"');
    if (type === 'subscribed' || type === 'pong' || type === 'resumed' || type === 'error' || type === null) return;
    const symbol = str(text, '"symbol":"');
    const seq = num(text, '"seq":');
    if (symbol === null || seq < 0) return;
    if (type === 'snapshot') {
      const k = str(text, '"channel":"') + symbol;
      if (lastSeq.has(k)) count('resnapshots');
      lastSeq.set(k, seq);
      return;
    }
    count('frames');
    const k = type + symbol;
    const prev = lastSeq.get(k);
    if (text.includes('"reset":true')) {
      count('resets');
    } else if (prev !== undefined && seq !== prev + 1) {
      count(seq <= prev ? 'backwards' : 'silentGaps');
    }
    lastSeq.set(k, seq);
  });
  ws.on('close', () => {
    if (wasOpen) {
      open--;
      count('closes');
    }
    if (!stopping) setTimeout(() => connect(i, false), 250);
  });
  ws.on('error', () => {}); // 'close' follows and reconnects
}

for (let i = 0; i < conns; i++) {
  connect(i, true);
  if (i % 50 === 49) await new Promise((r) => setTimeout(r, 50));
}

// --- one line a second --------------------------------------------------------------------------------
const started = Date.now();
const ticker = setInterval(() => {
  const line = { t: Date.now(), ...sec, open, inflight };
  sec = fresh();
  appendFileSync(out, JSON.stringify(line) + '\n');
  if (Date.now() - started > seconds * 1000) finish();
}, 1000);

function finish() {
  stopping = true;
  clearInterval(pacer);
  clearInterval(ticker);
  console.log(JSON.stringify({ totals: total, open }));
  process.exit(0);
}
process.on('SIGTERM', finish);
process.on('SIGINT', finish);
