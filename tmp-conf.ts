import fs from "node:fs";
import { loadConfig } from "/work/main/src/config/env.js";
import { openAnswerService } from "/work/main/src/runtime.js";
import { condenseQuestion } from "/work/main/src/query/condense.js";
const config = loadConfig({ INDEX_DIR: process.argv[2] });
const svc = await openAnswerService(config);
const { createRetriever } = await import("/work/main/src/query/retrieve.js");
const lines = fs.readFileSync(process.argv[3], "utf8").trim().split("\n").map((l) => JSON.parse(l));
for (const q of lines) {
  const history = q.previous.flatMap((p: any) => [{ role: "user", content: p.question }, { role: "assistant", content: p.answer }]);
  const a = await svc.ask({ question: q.question, history, options: { includeRetrieved: true } });
  const must = q.must_include.filter((m: string) => a.answer.toLowerCase().replace(/\s+/g, " ").includes(m.toLowerCase())).length;
  console.log(`${q.id} ${q.type.padEnd(12)} abst=${a.abstained ? "Y" : "n"} must=${must}/${q.must_include.length} | ${a.answer.slice(0, 150).replace(/\n/g, " ")}`);
}
