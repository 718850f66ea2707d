/**
 * Entry of the ingest worker thread (ingest/run-in-worker.ts). A worker
 * starts without its parent's module loaders when the parent runs under a
 * test runner, and Node cannot load TypeScript by itself on Node 20, so the
 * worker registers tsx (a runtime dependency, as in `npm start` and the
 * Docker image) before it loads the TypeScript side. Registering again when
 * the parent already runs under tsx is harmless.
 */
import { register } from "tsx/esm/api";

register();
await import("./worker-main.ts");
