// A book consumer written only from docs/nats-bridge.md ("Gap recovery"), with the official Node client. Usage:
//   node book-consumer.mjs <url> <prefix> <venue> <symbol>
// Prints READY after its first snapshot. On stdin "DUMP <seq>" it waits until its copy is live at >= seq and prints
// {"epoch","sequence","snapshots","gaps","bids":[[p,s]],"asks":[[p,s]]}; "EXIT" quits.
import { connect, JSONCodec } from "nats";
import readline from "node:readline";

const [url, prefix, venue, symbol] = process.argv.slice(2);
const token = (s) => s.replace(/[^A-Za-z0-9_-]/g, "_");
const bookSubject = `${prefix}.book.${token(venue)}.${token(symbol)}`;
const snapshotSubject = `${prefix}.snapshot.book.${token(venue)}.${token(symbol)}`;
const jc = JSONCodec();
const nc = await connect({ servers: url, name: "node-book-consumer" });

const bids = new Map(), asks = new Map();
let epoch = -1, last = -1, buffering = true, buffer = [], snapshots = 0, gaps = 0;
let resyncing = null, resyncAgain = false;

function resync() {
  if (resyncing) { resyncAgain = true; return; }
  buffering = true; buffer = [];
  resyncing = (async () => {
    for (;;) {
      try {
        const s = jc.decode((await nc.request(snapshotSubject, jc.encode({ depth: 1000000 }), { timeout: 5000 })).data);
        bids.clear(); asks.clear();
        for (const [p, q] of s.bids) bids.set(p, q);
        for (const [p, q] of s.asks) asks.set(p, q);
        epoch = s.epoch; last = s.sequence; snapshots++;
        const pending = buffer; buffer = []; buffering = false;
        for (const d of pending) if (d.sequence > last) apply(d);
        return;
      } catch { await new Promise((r) => setTimeout(r, 200)); }
    }
  })().finally(() => { resyncing = null; if (resyncAgain) { resyncAgain = false; resync(); } });
}

function apply(d) {
  if (d.epoch === epoch && d.sequence <= last) return;
  if (d.kind === "rebuilt" || d.epoch !== epoch || d.sequence !== last + 1) {
    if (d.epoch === epoch && d.sequence !== last + 1) gaps++;
    resync();
    return;
  }
  if (d.kind === "update") {
    for (const [side, price, size] of d.changes) {
      const m = side === "bid" ? bids : asks;
      if (Number(size) === 0) m.delete(price); else m.set(price, size);
    }
  }
  last = d.sequence;
}

const sub = nc.subscribe(bookSubject);
(async () => { for await (const m of sub) { const d = jc.decode(m.data); if (buffering) buffer.push(d); else apply(d); } })();
await nc.flush();
resync();
while (buffering || resyncing) await new Promise((r) => setTimeout(r, 10));
console.log("READY");

for await (const line of readline.createInterface({ input: process.stdin })) {
  const [cmd, arg] = line.trim().split(" ");
  if (cmd === "EXIT") break;
  if (cmd !== "DUMP") continue;
  while (buffering || resyncing || last < Number(arg)) await new Promise((r) => setTimeout(r, 10));
  console.log(JSON.stringify({ epoch, sequence: last, snapshots, gaps, bids: [...bids], asks: [...asks] }));
}
await nc.drain();
process.exit(0); // stdin may keep the event loop alive
