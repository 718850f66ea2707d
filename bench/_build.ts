import { loadConfig } from "../src/config/env.js";
import { buildSyntheticIndex } from "./synthetic-index.js";
const n = Number(process.argv[2]);
const config = loadConfig({ NODE_ENV: "production", LOG_LEVEL: "silent", OCR: "off" });
const t = performance.now();
const r = await buildSyntheticIndex({ indexDir: `bench/results/cache/index-${n}/index`, chunks: n, seed: 1 + n, config });
console.log(JSON.stringify(r), (performance.now() - t) / 1000);
