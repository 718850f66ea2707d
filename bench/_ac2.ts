import autocannon from "autocannon";
import { forkWorker } from "./run-worker.js";
const child = forkWorker("server-worker", ["bench/results/cache/index-10000/index"], {});
child.on("message", async (m: any) => {
  if (m.type !== "ready") return;
  console.log("ready", m);
  const url = `http://127.0.0.1:${m.port}`;
  const res = await fetch(url + "/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "Vem ansvarar för orosanmälan?" }) });
  console.log(res.status, (await res.text()).slice(0, 200));
  let n = 0;
  const r = await autocannon({ url, connections: 10, duration: 2, onResponse: undefined, requests: [{ method: "POST", path: "/api/ask", headers: { "content-type": "application/json" }, setupRequest: (req) => ({ ...req, body: JSON.stringify({ question: "Vem ansvarar för orosanmälan " + n++ }) }) }] });
  console.log((r as any).statusCodeStats, r["2xx"], r.non2xx, r.requests.total, r.errors, r.timeouts, n);
  child.send("stop");
});
