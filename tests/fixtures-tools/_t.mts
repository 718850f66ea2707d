import { parseText } from "../../ingest/parse/text.js";
import { readFileSync } from "node:fs";
for (const f of process.argv.slice(2)) {
  const r = await parseText(readFileSync(f), f);
  console.log("=====", f, r.title, r.warnings);
  for (const b of r.blocks) console.log(b.kind === "heading" ? `H${b.level}` : b.kind === "list-item" ? (b.ordered ? "OL" : "UL") : b.kind === "table-row" ? "TR" : "P ", b.text.slice(0, 110));
}
