import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { PDFParse } from "pdf-parse";
import mammoth from "mammoth";
import * as cheerio from "cheerio";
const root = "/work/main/corpus";
function walk(d: string): string[] { return readdirSync(d).flatMap(n => { const p = join(d, n); return statSync(p).isDirectory() ? walk(p) : [p]; }); }
for (const f of walk(root).filter(f => !f.endsWith(".meta.yml") && !f.endsWith("SOURCES.md") && !f.endsWith("ordlista.yml")).sort()) {
  let text = "";
  const buf = readFileSync(f);
  if (f.endsWith(".pdf")) { const p = new PDFParse({ data: buf }); text = (await p.getText()).text; await p.destroy(); }
  else if (f.endsWith(".docx")) text = (await mammoth.extractRawText({ buffer: buf })).value;
  else if (f.endsWith(".html")) text = cheerio.load(buf.toString("utf8"))("article").text();
  else text = buf.toString(f.includes("checklista") ? "latin1" : "utf8");
  console.log(String(text.split(/\s+/).filter(Boolean).length).padStart(5), f.slice(root.length + 1));
}
