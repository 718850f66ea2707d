import fs from "node:fs";
import { PDFParse } from "/work/main/node_modules/pdf-parse/dist/pdf-parse/esm/index.js";
const f = fs.readdirSync("/tmp/bc", { recursive: true }).map(String).filter((f) => f.endsWith(".pdf"))[0];
for (let i=0;i<3;i++){ const t = performance.now();
const p = new PDFParse({ data: new Uint8Array(fs.readFileSync("/tmp/bc/"+f)), verbosity: 0 }); await p.getText(); await p.destroy();
console.log((performance.now()-t).toFixed(0)); }
