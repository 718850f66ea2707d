import { runHttpBench } from "./http-bench.js";
import { generateQuestions } from "./generate-corpus.js";
const r = await runHttpBench({ indexDir: "/work/main/bench/results/cache/index-10000/index", questions: generateQuestions(400, 7), connections: 50, durationSeconds: 10, warmupSeconds: 2 });
console.log(JSON.stringify(r));
