// The baseline of BENCHMARKS.md: a minimal broadcast server on Node's `ws`, one write per message.
// Speaks just enough of the /api/v1/stream protocol for stream-load.mjs: subscribe -> ack, then for
// every subscribed symbol `rate` level1-shaped messages per second, each serialized once and sent to
// every subscriber. Usage: node baseline-server.mjs --port 18091 --rate 20
import { WebSocketServer } from 'ws';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) =>
  (v.startsWith('--') ? a.concat([[v.slice(2), all[i + 1]]]) : a), []));
const port = Number(args.port || 18091);
const rate = Number(args.rate || 20);
const TICK_MS = 10;

const subscribers = new Map(); // symbol -> Set<ws>
const state = new Map();       // symbol -> {seq, price, budget}

const wss = new WebSocketServer({ port, path: '/api/v1/stream', perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.subs = new Set();
  ws.on('message', (data) => {
    let msg;
    try { msg = JSON.parse(data); } catch { ws.send('{"type":"error","code":"invalid_json","message":"not JSON"}'); return; }
    if (msg.action === 'subscribe' && Array.isArray(msg.symbols)) {
      for (const s of msg.symbols) {
        if (!subscribers.has(s)) { subscribers.set(s, new Set()); state.set(s, { seq: 0, price: 100, budget: 0 }); }
        subscribers.get(s).add(ws);
        ws.subs.add(s);
      }
      ws.send(JSON.stringify({ type: 'subscribed', channel: msg.channel, symbols: msg.symbols, rejected: [] }));
      for (const s of msg.symbols) {
        const st = state.get(s);
        ws.send(`{"type":"snapshot","channel":"${msg.channel}","symbol":"${s}","seq":${st.seq},"t":${Date.now()}}`);
      }
    } else if (msg.action === 'ping') {
      ws.send(`{"type":"pong","t":${Date.now()}}`);
    }
  });
  ws.on('close', () => { for (const s of ws.subs) subscribers.get(s)?.delete(ws); });
});

let last = Date.now();
setInterval(() => {
  const now = Date.now();
  const dt = (now - last) / 1000;
  last = now;
  for (const [symbol, subs] of subscribers) {
    if (subs.size === 0) continue;
    const st = state.get(symbol);
    st.budget += rate * dt;
    while (st.budget >= 1) {
      st.budget -= 1;
      st.seq++;
      st.price = Math.round((st.price + (Math.random() - 0.5) * 0.02) * 100) / 100;
      const text = `{"type":"level1","symbol":"${symbol}","seq":${st.seq},"t":${Date.now()},"bid":${st.price},"bidSize":300,`
        + `"ask":${Math.round((st.price + 0.01) * 100) / 100},"askSize":200,"last":${st.price},"lastSize":100,"volume":${st.seq * 100}}`;
      for (const ws of subs) ws.send(text);
    }
  }
}, TICK_MS);
console.log(`baseline ws server on ${port}, ${rate} msg/s per subscribed symbol`);
