import { forkWorker } from "./run-worker.js";
import { generateQuestions } from "./generate-corpus.js";
const qs = generateQuestions(100, 7);
const child = forkWorker("server-worker", ["bench/results/cache/index-10000/index"], {});
child.on("message", async (m: any) => {
  if (m.type !== "ready") return;
  const url = `http://127.0.0.1:${m.port}/api/ask`;
  const t = performance.now();
  const codes: Record<string, number> = {};
  await Promise.all(qs.map(async (q, i) => {
    const s = performance.now();
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: q }) });
    const body = await res.text();
    codes[res.status] = (codes[res.status] ?? 0) + 1;
    if (res.status !== 200 && i < 50) console.log(res.status, body.slice(0, 200));
  }));
  console.log(codes, (performance.now() - t).toFixed(0), "ms for", qs.length);
  child.send("stop");
});
