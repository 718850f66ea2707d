/**
 * Runs a benchmark worker script in a fresh Node process (through the tsx
 * loader, as `npm start` runs the server), optionally with `--cpu-prof`, and
 * hands its JSON result back. Separate processes keep load time and peak RSS
 * of one measurement free of the others.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface WorkerOptions {
  /** Write a V8 CPU profile of the worker into this directory. */
  profileDir?: string;
  /** Directory for the input/output JSON files. */
  tmpDir: string;
}

function execArgv(options: Pick<WorkerOptions, "profileDir">): string[] {
  return ["--import", "tsx", ...(options.profileDir ? ["--cpu-prof", "--cpu-prof-dir", options.profileDir] : [])];
}

/** Start `bench/workers/<name>.ts` with IPC and extra argv; the caller talks to it. */
export function forkWorker(name: string, args: string[], options: Pick<WorkerOptions, "profileDir">): ChildProcess {
  return fork(path.join(HERE, "workers", `${name}.ts`), args, { execArgv: execArgv(options), stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

/** Run `bench/workers/<name>.ts <input.json> <output.json>` to completion and return the output. */
export async function runWorker<I, O>(name: string, input: I, options: WorkerOptions): Promise<O> {
  await mkdir(options.tmpDir, { recursive: true });
  const stamp = `${name}-${process.pid}-${Date.now()}`;
  const inFile = path.join(options.tmpDir, `${stamp}.in.json`);
  const outFile = path.join(options.tmpDir, `${stamp}.out.json`);
  await writeFile(inFile, JSON.stringify(input));
  const child = forkWorker(name, [inFile, outFile], options);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (c) => resolve(c));
  });
  if (code !== 0) throw new Error(`bench: arbetaren ${name} avslutades med kod ${String(code)}`);
  const out = JSON.parse(await readFile(outFile, "utf8")) as O;
  await rm(inFile, { force: true });
  await rm(outFile, { force: true });
  return out;
}
