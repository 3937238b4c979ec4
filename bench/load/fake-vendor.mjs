// A fake market-data vendor for bench/chaos.sh: answers the one bars endpoint of Polygon or Twelve Data that the
// engine's adapters call, with payloads shaped as the vendors document them (VENDORS.md sections 2 and 3; the
// same shapes as the adapters' own tests), and bars made up deterministically from the symbol and the time.
// It stands in for the vendor when a chaos run kills "the primary provider": nothing here is market data.
//
//   node fake-vendor.mjs --vendor polygon|twelve_data --port 18790 [--latency-ms 30]
//
// Prints "READY <port>" once it listens. GET /_fake/stats answers {"vendor","requests","bars"} (what the chaos
// summary uses to show which vendor served). Anything else is the vendor's documented 404.
import http from 'node:http';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) =>
  (v.startsWith('--') ? a.concat([[v.slice(2), all[i + 1]]]) : a), []));
const vendor = args.vendor || 'polygon';
const port = Number(args.port || 0);
const latencyMs = Number(args['latency-ms'] || 0); // added to every answer: a slower vendor scores lower
if (vendor !== 'polygon' && vendor !== 'twelve_data') {
  console.error(`unknown vendor ${vendor}`);
  process.exit(2);
}

let requests = 0;
let barsServed = 0;
const DAY = 86_400_000;
const MINUTE = 60_000;

function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

// A made-up price path: stable per (symbol, time), so two requests for the same bar agree.
function bar(symbol, t) {
  const base = 20 + (hash(symbol) % 400);
  const wave = Math.sin(t / (7 * DAY)) * 0.05 + Math.sin(t / (37 * MINUTE)) * 0.01;
  const open = Number((base * (1 + wave)).toFixed(2));
  const close = Number((open * (1 + ((hash(symbol + t) % 200) - 100) / 10_000)).toFixed(2));
  const high = Number((Math.max(open, close) * 1.004).toFixed(2));
  const low = Number((Math.min(open, close) * 0.996).toFixed(2));
  const volume = 1000 + (hash(t + symbol) % 100_000);
  return { open, high, low, close, volume };
}

// New York offset for a UTC instant (US rule: second Sunday of March to first Sunday of November).
function nyOffsetHours(ms) {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const nthSunday = (month, n) => {
    const first = new Date(Date.UTC(y, month, 1)).getUTCDay();
    return Date.UTC(y, month, 1 + ((7 - first) % 7) + (n - 1) * 7, 7);
  };
  return ms >= nthSunday(2, 2) && ms < nthSunday(10, 1) ? -4 : -5;
}

// Regular-session instants in [from, to): days at New York midnight, minutes 09:30-16:00 New York.
function stamps(fromMs, toMs, stepMs, daily) {
  const out = [];
  const startDay = Math.floor(fromMs / DAY) * DAY - DAY;
  for (let day = startDay; day < toMs + DAY && out.length < 50_000; day += DAY) {
    const wd = new Date(day).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    const midnightNy = day - nyOffsetHours(day + 12 * 3_600_000) * 3_600_000;
    if (daily) {
      if (midnightNy >= fromMs && midnightNy < toMs) out.push(midnightNy);
      continue;
    }
    const open = midnightNy + 9.5 * 3_600_000;
    for (let t = open; t < open + 6.5 * 3_600_000; t += stepMs) {
      if (t >= fromMs && t < toMs) out.push(t);
    }
  }
  return out;
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const SPANS = { minute: MINUTE, hour: 60 * MINUTE, day: DAY };

// GET /v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}
function polygon(url, res) {
  const m = /^\/v2\/aggs\/ticker\/([^/]+)\/range\/(\d+)\/(minute|hour|day)\/(\d+)\/(\d+)$/.exec(url.pathname);
  if (!m) {
    send(res, 404, { status: 'NOT_FOUND', request_id: 'fake', message: 'Not found' });
    return;
  }
  const [, ticker, mult, span, from, to] = m;
  const daily = span === 'day';
  const results = stamps(Number(from), Number(to) + 1, Number(mult) * SPANS[span], daily).map((t) => {
    const b = bar(ticker, t);
    return { v: b.volume, vw: Number(((b.high + b.low + b.close) / 3).toFixed(4)), o: b.open, c: b.close, h: b.high, l: b.low, t, n: 100 };
  });
  barsServed += results.length;
  send(res, 200, { ticker, queryCount: results.length, resultsCount: results.length, adjusted: false, results, status: 'OK',
    request_id: `fake-${requests}`, count: results.length });
}

const TD_INTERVALS = { '1min': MINUTE, '5min': 5 * MINUTE, '15min': 15 * MINUTE, '30min': 30 * MINUTE, '1h': 60 * MINUTE, '1day': DAY };

function pad(n) {
  return String(n).padStart(2, '0');
}

function nyText(t, daily) {
  const d = new Date(t + nyOffsetHours(t) * 3_600_000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return daily ? date : `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
}

function nyParse(text) {
  const [date, time = '00:00:00'] = text.split(' ');
  const guess = Date.parse(`${date}T${time}Z`);
  return guess - nyOffsetHours(guess) * 3_600_000;
}

// GET /time_series?symbol=&interval=&start_date=&end_date= (exchange-local times)
function twelveData(url, res) {
  if (url.pathname !== '/time_series') {
    send(res, 404, { code: 404, message: 'Not found', status: 'error' });
    return;
  }
  const q = url.searchParams;
  const interval = q.get('interval');
  const step = TD_INTERVALS[interval];
  const symbol = q.get('symbol');
  if (!step || !symbol || !q.get('start_date') || !q.get('end_date')) {
    send(res, 200, { code: 400, message: 'missing or invalid parameters', status: 'error' });
    return;
  }
  const daily = interval === '1day';
  const values = stamps(nyParse(q.get('start_date')), nyParse(q.get('end_date')) + 1, step, daily).map((t) => {
    const b = bar(symbol, t);
    return { datetime: nyText(t, daily), open: b.open.toFixed(5), high: b.high.toFixed(5), low: b.low.toFixed(5),
      close: b.close.toFixed(5), volume: String(b.volume) };
  });
  barsServed += values.length;
  send(res, 200, { meta: { symbol, interval, currency: 'USD', exchange_timezone: 'America/New_York', exchange: 'NASDAQ',
    mic_code: q.get('mic_code') || 'XNGS', type: 'Common Stock' }, values, status: 'ok' });
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://fake');
  if (url.pathname === '/_fake/stats') {
    send(res, 200, { vendor, requests, bars: barsServed });
    return;
  }
  requests++;
  const answer = () => (vendor === 'polygon' ? polygon(url, res) : twelveData(url, res));
  if (latencyMs > 0) setTimeout(answer, latencyMs);
  else answer();
});
server.keepAliveTimeout = 30_000;
server.listen(port, '127.0.0.1', () => console.log(`READY ${server.address().port}`));
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(0));
