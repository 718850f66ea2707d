import fs from "node:fs";
import { LexicalIndex } from "../src/core/lexical-index.js";
import { LexicalIndex as Old } from "./_old-lexical.js";
import { loadConfig } from "../src/config/env.js";
import { createTextContext } from "../src/text/index.js";
import { analyzeQuestion, textFeatures } from "../src/query/analysis.js";
import { generateQuestions } from "./generate-corpus.js";
const json = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8"));
const a = LexicalIndex.fromJSON(json), b = Old.fromJSON(json);
const ctx = createTextContext({ features: textFeatures(loadConfig({})) });
let diff = 0; let ta = 0, tb = 0;
const qs = generateQuestions(300, 3);
for (const [i, q] of qs.entries()) {
  const terms = analyzeQuestion(q, ctx, (t) => a.has(t)).terms;
  const allow = i % 3 === 0 ? (d: number) => d % 7 !== 0 : undefined;
  let t = performance.now(); const ra = a.search(terms, 60, allow); ta += performance.now() - t;
  t = performance.now(); const rb = b.search(terms, 60, allow); tb += performance.now() - t;
  if (JSON.stringify(ra) !== JSON.stringify(rb)) diff++;
}
console.log({ diff, newMs: ta / qs.length, oldMs: tb / qs.length });
