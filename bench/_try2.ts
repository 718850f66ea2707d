import fs from "node:fs";
import { PDFParse } from "pdf-parse";
import { parseFile } from "../ingest/parse/index.js";
const files = fs.readdirSync("/tmp/bc", { recursive: true }).map(String).filter((f) => f.endsWith(".pdf")).map((f) => "/tmp/bc/" + f);
for (let round = 0; round < 2; round++) {
  let t = performance.now();
  for (const f of files) { const p = new PDFParse({ data: new Uint8Array(fs.readFileSync(f)), verbosity: 0 }); await p.getText(); await p.destroy(); }
  console.log("raw getText", files.length, (performance.now() - t).toFixed(0), "ms");
  t = performance.now();
  for (const f of files) { const p = new PDFParse({ data: new Uint8Array(fs.readFileSync(f)), verbosity: 0 }); await p.getInfo(); await p.getText(); await p.destroy(); }
  console.log("raw info+getText", (performance.now() - t).toFixed(0), "ms");
  t = performance.now();
  for (const f of files) await parseFile(fs.readFileSync(f), f);
  console.log("parseFile", (performance.now() - t).toFixed(0), "ms");
}
