/**
 * `npm start` as a child process: each start-up problem an administrator
 * can fix ends with one clear line and exit code 1, no stack trace (a port in
 * use, an index folder that is a file, a missing corpus); `.env` is read;
 * two servers on two indexes use two databases, and the start-up line says
 * which.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "../../ingest/pipeline.js";
import { FIXTURE_CORPUS, tempDir, testConfig } from "../helpers/fixture-index.js";

const MAIN = path.resolve("src/main.ts");
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

interface Run {
  child: ChildProcess;
  /** Resolves with the output once the server says it is answering, or rejects with the exit code and output. */
  ready: Promise<string>;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function start(env: Record<string, string>, cwd = process.cwd()): Run {
  const child = spawn(process.execPath, ["--import", TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", () => {
      if (stdout.includes("svarar på")) resolve(stdout);
    });
    void exit.then((e) => reject(new Error(`exited ${e.code}: ${e.stdout}\n${e.stderr}`)));
  });
  ready.catch(() => {});
  return { child, ready, exit };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Exactly one non-empty line on stderr, and no stack frame anywhere. */
function oneLine(out: { stdout: string; stderr: string }): string {
  const lines = out.stderr.split("\n").filter((l) => l.trim() !== "");
  expect(lines, out.stderr).toHaveLength(1);
  expect(`${out.stdout}\n${out.stderr}`).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

let dir: string;
let indexA: string;
let indexB: string;
const running: ChildProcess[] = [];

beforeAll(async () => {
  dir = await tempDir("rutinsvar-startup-");
  indexA = path.join(dir, "a-index");
  indexB = path.join(dir, "b-index");
  for (const indexDir of [indexA, indexB]) {
    const config = testConfig({ INDEX_DIR: indexDir, CORPUS_DIR: FIXTURE_CORPUS, DATA_DIR: path.join(dir, "ingest-data") });
    await runIngest({ corpusDir: FIXTURE_CORPUS, indexDir, config });
  }
}, 120_000);

afterAll(async () => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGTERM");
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe("a start that explains itself", () => {
  it("a port in use: one line naming the port, exit 1", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const out = await start({ PORT: String(port), INDEX_DIR: indexA, CORPUS_DIR: FIXTURE_CORPUS }).exit;
      expect(out.code).toBe(1);
      expect(oneLine(out)).toMatch(new RegExp(`Porten ${port} på 127\\.0\\.0\\.1 används redan`));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  }, 60_000);

  it("an index folder that is a file: one line, exit 1, the file left as it was", async () => {
    const file = path.join(dir, "inte-en-mapp");
    await fs.writeFile(file, "viktig fil");
    const out = await start({ PORT: String(await freePort()), INDEX_DIR: file, CORPUS_DIR: FIXTURE_CORPUS }).exit;
    expect(out.code).toBe(1);
    expect(oneLine(out)).toMatch(/INDEX_DIR=.*inte-en-mapp är en fil, inte en mapp/);
    expect(await fs.readFile(file, "utf8")).toBe("viktig fil");
  }, 60_000);

  it("a missing corpus with no index to start from: one line naming CORPUS_DIR, exit 1, nothing written", async () => {
    const indexDir = path.join(dir, "nytt-index");
    const out = await start({ PORT: String(await freePort()), INDEX_DIR: indexDir, CORPUS_DIR: path.join(dir, "finns-inte") }).exit;
    expect(out.code).toBe(1);
    expect(oneLine(out)).toMatch(/Korpusmappen .*finns-inte \(CORPUS_DIR\) finns inte/);
    await expect(fs.stat(indexDir)).rejects.toThrow();
  }, 60_000);

  it("two servers on two indexes use two databases beside their indexes, named in the start-up line; .env is read", async () => {
    // Server A from the environment, server B from a .env file in its working directory.
    const a = start({ PORT: String(await freePort()), INDEX_DIR: indexA, CORPUS_DIR: FIXTURE_CORPUS, LOG_LEVEL: "info" });
    running.push(a.child);
    const cwdB = path.join(dir, "b-cwd");
    await fs.mkdir(cwdB);
    await fs.writeFile(path.join(cwdB, ".env"), `PORT=${await freePort()}\nINDEX_DIR=${indexB}\nCORPUS_DIR=${FIXTURE_CORPUS}\nLOG_LEVEL=info\n`);
    const b = start({}, cwdB);
    running.push(b.child);
    const [outA, outB] = await Promise.all([a.ready, b.ready]);
    expect(outA).toContain(`databas ${path.join(`${indexA}-data`, "rutinsvar.sqlite")}`);
    expect(outB).toContain(`databas ${path.join(`${indexB}-data`, "rutinsvar.sqlite")}`);
    expect(outB).toContain(`Inställningar lästa från ${path.join(cwdB, ".env")}`);
    expect(outB).toContain(`index ${indexB}`);
    await fs.stat(path.join(`${indexA}-data`, "rutinsvar.sqlite"));
    await fs.stat(path.join(`${indexB}-data`, "rutinsvar.sqlite"));
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    expect((await a.exit).code).toBe(0);
    expect((await b.exit).code).toBe(0);
  }, 90_000);
});
