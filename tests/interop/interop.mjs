// Test oracle: the official Node client. Usage:
//   node interop.mjs pub <url> <subject> <count>   publishes <count> messages with headers X-From=node, X-Index=i
//   node interop.mjs sub <url> <subject> <count>   prints READY once subscribed, then one JSON line per message
import { connect, headers, StringCodec } from "nats";

const [mode, url, subject, countText] = process.argv.slice(2);
const count = Number(countText);
const sc = StringCodec();
const nc = await connect({ servers: url, name: "node-interop" });

if (mode === "pub") {
  for (let i = 0; i < count; i++) {
    const h = headers();
    h.set("X-From", "node");
    h.set("X-Index", String(i));
    nc.publish(subject, sc.encode(`node-${i}`), { headers: h });
  }
  await nc.flush();
} else {
  const sub = nc.subscribe(subject, { max: count });
  await nc.flush();
  console.log("READY");
  for await (const m of sub) {
    const hs = {};
    if (m.headers) { for (const [k, v] of m.headers) hs[k] = v; }
    console.log(JSON.stringify({ subject: m.subject, data: sc.decode(m.data), headers: hs }));
  }
}
await nc.drain();
