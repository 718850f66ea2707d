import { writeFileSync } from "node:fs";
import { generateQuestions } from "./generate-corpus.js";
writeFileSync("/tmp/qin.json", JSON.stringify({ indexDir: process.argv[2], questions: generateQuestions(200), warmup: 20, baselineQueries: 50 }));
