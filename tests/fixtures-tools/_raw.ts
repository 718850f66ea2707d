import { PDFParse } from "pdf-parse";
import { readFileSync } from "node:fs";
const p = new PDFParse({ data: new Uint8Array(readFileSync(process.argv[2]!)) });
const t = await p.getText({ itemJoiner: "¦", partial: [Number(process.argv[3])] });
console.log(t.pages[0]?.text);
await p.destroy();
