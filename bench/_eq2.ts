import fs from "node:fs";
import { LexicalIndex } from "../src/core/lexical-index.js";
import { loadConfig } from "../src/config/env.js";
import { createTextContext } from "../src/text/index.js";
import { analyzeChunkFields, textFeatures } from "../src/query/analysis.js";
const dir = process.argv[2]!;
const lex = LexicalIndex.fromJSON(JSON.parse(fs.readFileSync(dir + "/lexical.json", "utf8")));
const chunks = JSON.parse(fs.readFileSync(dir + "/chunks.json", "utf8"));
const ctx = createTextContext({ features: textFeatures(loadConfig({})) });
const vocab = [...lex.vocabulary()];
let bad = 0, checks = 0;
for (let i = 0; i < chunks.length; i += 37) {
  const f = analyzeChunkFields(chunks[i], ctx); const set = new Set([...f.body, ...f.heading, ...f.title]);
  for (const t of set) { checks++; if (!lex.contains(t, i)) bad++; }
  for (let j = 0; j < 50; j++) { const t = vocab[(i * 31 + j * 997) % vocab.length]!; checks++; if (lex.contains(t, i) !== set.has(t)) bad++; }
}
console.log({ bad, checks });
