/**
 * A server opens a new index version while it answers (issue 15): opening
 * and warming it must hand the event loop back between its synchronous
 * steps, and the warmed service must answer exactly like a cold one. How
 * long each step holds the loop is timing, measured by `npm run bench -- --swap`.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "../../../ingest/pipeline.js";
import { openAnswerService } from "../../../src/lifecycle/open-answer-service.js";
import { turnsDuring } from "../../helpers/event-loop.js";
import { FIXTURE_CORPUS, tempDir, testConfig } from "../../helpers/fixture-index.js";

let dir: string;
let config: ReturnType<typeof testConfig>;
beforeAll(async () => {
  dir = await tempDir();
  const indexDir = path.join(dir, "index");
  config = testConfig({ INDEX_DIR: indexDir });
  await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir, config });
});
afterAll(async () => fs.rm(dir, { recursive: true, force: true }));


describe("opening and warming an index version", () => {
  // Opening also yields between its parse steps, but it reads files too, so counting turns cannot
  // tell its yields from its I/O: the swap benchmark measures what opening holds the loop for.
  it("hands the event loop back between the steps of the warm-up", async () => {
    const service = await openAnswerService(config);
    const warm = await turnsDuring(() => service.warmUp!());
    // Copy groups, document context, the document texts and the warm-up question: one turn before each.
    expect(warm.turns).toBeGreaterThanOrEqual(4);
  });

  it("a warmed service answers exactly like a cold one", async () => {
    const warm = await openAnswerService(config);
    await warm.warmUp!();
    const cold = await openAnswerService(config);
    for (const question of ["Vem beslutar om ekonomiskt bistånd?", "Hur gör jag en orosanmälan?"]) {
      const request = { question, options: { includeRetrieved: true } };
      const [a, b] = [await warm.ask(request), await cold.ask(request)];
      expect(a.answer).toBe(b.answer);
      expect(a.retrieved!.map((r) => r.chunkId)).toEqual(b.retrieved!.map((r) => r.chunkId));
    }
  });
});
