import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Runs `work` and counts the turns of the event loop other code got
 * meanwhile: how a test sees that long synchronous work hands the loop back
 * (issue 15) without measuring time.
 */
export async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let done = false;
  const ticker = (async () => {
    while (!done) {
      await nextTurn();
      turns++;
    }
  })();
  const result = await work();
  done = true;
  await ticker;
  return { result, turns };
}
