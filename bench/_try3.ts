import { loadConfig } from "../src/config/env.js";
import { buildSyntheticIndex } from "./synthetic-index.js";
const n = Number(process.argv[2] ?? 10000);
const config = loadConfig({ NODE_ENV: "test", OCR: "off" });
const t = performance.now();
const r = await buildSyntheticIndex({ indexDir: `bench/results/cache/index-${n}/index`, chunks: n, seed: 11, config });
console.log(r, (performance.now() - t) / 1000, process.resourceUsage().maxRSS / 1024);
