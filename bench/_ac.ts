import http from "node:http";
import autocannon from "autocannon";
const srv = http.createServer((req, res) => { let b = ""; req.on("data", (d) => (b += d)); req.on("end", () => { res.end(JSON.stringify({ len: b.length })); }); }).listen(0, "127.0.0.1", async () => {
  const port = (srv.address() as any).port;
  let n = 0;
  const r = await autocannon({ url: `http://127.0.0.1:${port}`, connections: 5, duration: 1, requests: [{ method: "POST", path: "/api/ask", headers: { "content-type": "application/json" }, setupRequest: (req) => ({ ...req, body: JSON.stringify({ question: "x" + n++ }) }) }] });
  console.log(r["2xx"], r.requests.total, r.errors, n);
  const r2 = await autocannon({ url: `http://127.0.0.1:${port}`, connections: 5, duration: 1, method: "POST", body: "{}" });
  console.log(r2["2xx"], r2.requests.total);
  srv.close();
});
