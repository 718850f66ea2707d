import { PDFParse } from "pdf-parse";
import { readFileSync } from "node:fs";
const buf = readFileSync(process.argv[2]!);
const p = new PDFParse({ data: buf });
const r = await p.getText();
console.log(r.total, r.pages.length);
for (const pg of r.pages) { console.log("=== PAGE", pg.num); console.log(pg.text.slice(0, 400)); console.log("..."); console.log(pg.text.slice(-200)); }
await p.destroy();
