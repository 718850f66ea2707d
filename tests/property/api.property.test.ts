/**
 * Property-based tests of the HTTP API: random and hostile bodies to
 * POST /api/ask never produce a 5xx, every 4xx carries the error envelope,
 * and the index answers exactly as before afterwards. Case counts are in the
 * test names.
 */
import fs from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "../../ingest/pipeline.js";
import type { Answer } from "../../src/core/schemas.js";
import { openAnswerService } from "../../src/lifecycle/open-answer-service.js";
import { FIXTURE_CORPUS } from "../helpers/fixture-index.js";
import { buildSecurityFixture, postJson, type SecurityFixture } from "../helpers/security-app.js";

const RUNS = { json: 200, shaped: 150, valid: 100, raw: 150, files: 25 };
const PROBE = "Hur gör jag en orosanmälan?";

let fx: SecurityFixture;
let app: ReturnType<SecurityFixture["app"]>;
let baseline: Answer;

beforeAll(async () => {
  fx = await buildSecurityFixture();
  app = fx.app({ MAX_BODY_BYTES: "16384" });
  baseline = await probe(app);
});
afterAll(async () => fx?.cleanup());

async function probe(a: { request: typeof app.request }): Promise<Answer> {
  const res = await postJson(a, "/api/ask", { question: PROBE });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

/** The response is a success or a well-formed 4xx envelope; never a 5xx. */
async function checkResponse(res: Response, sent: unknown): Promise<number> {
  const text = await res.text();
  expect(res.status, `5xx for ${JSON.stringify(sent)?.slice(0, 300)}: ${text.slice(0, 300)}`).toBeLessThan(500);
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; requestId?: unknown }; answer?: unknown };
  if (res.status >= 400) {
    expect(Object.keys(body)).toEqual(["error"]);
    expect(typeof body.error!.code).toBe("string");
    expect(typeof body.error!.message).toBe("string");
    expect((body.error!.message as string).length).toBeGreaterThan(0);
    expect(typeof body.error!.requestId).toBe("string");
  } else {
    expect(typeof body.answer).toBe("string");
  }
  return res.status;
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.constantFrom(
    "<script>alert(1)</script>",
    "'; DROP TABLE question_log; --",
    "\u0000\u0001\u0002",
    "\uD800",
    "__proto__",
    "constructor",
    "{{7*7}}",
    "${process.exit(1)}",
    "../../../../etc/passwd",
    "x".repeat(2000),
    "x".repeat(2001),
    "Hur gör jag en orosanmälan för 811218-9876?",
    " ",
    "🙂".repeat(600),
  ),
);

const shapedBody = fc.record(
  {
    question: fc.oneof(hostileString, fc.anything()),
    history: fc.oneof(
      fc.array(fc.record({ role: fc.oneof(fc.constantFrom("user", "assistant", "system"), fc.string()), content: fc.oneof(hostileString, fc.anything()) }), { maxLength: 25 }),
      fc.anything(),
    ),
    options: fc.oneof(
      fc.record({ topK: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)), includeRetrieved: fc.anything() }, { requiredKeys: [] }),
      fc.anything(),
    ),
    __proto__: fc.anything(),
  },
  { requiredKeys: [] },
);

describe("POST /api/ask under random and hostile bodies", () => {
  it(`random JSON values never give 5xx; 4xx always carry the envelope (${RUNS.json} cases)`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (body) => {
        const status = await checkResponse(await postJson(app, "/api/ask", JSON.stringify(body)), body);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
      { numRuns: RUNS.json },
    );
    console.log(`api/json: ${RUNS.json} cases`, Object.fromEntries(statuses));
  });

  it(`hostile request shapes never give 5xx; 4xx always carry the envelope (${RUNS.shaped} cases)`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(shapedBody, fc.boolean(), async (body, stream) => {
        let json: string;
        try {
          json = JSON.stringify(body);
        } catch {
          return; // BigInt and the like cannot be sent as JSON at all
        }
        const res = await postJson(app, "/api/ask", json ?? "null", stream ? { accept: "text/event-stream" } : {});
        if (stream && res.status === 200) {
          const text = await res.text();
          expect(text).toMatch(/event: (done|error)/);
          expect(text).not.toMatch(/event: error/);
          statuses.set(200, (statuses.get(200) ?? 0) + 1);
          return;
        }
        const status = await checkResponse(res, body);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
      { numRuns: RUNS.shaped },
    );
    console.log(`api/shaped: ${RUNS.shaped} cases`, Object.fromEntries(statuses));
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
  });

  it(`well-formed requests with hostile text are answered or refused cleanly (${RUNS.valid} cases)`, async () => {
    const statuses = new Map<number, number>();
    const turn = fc.record({ role: fc.constantFrom("user" as const, "assistant" as const), content: hostileString.map((t) => t.slice(0, 8000)) });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ question: hostileString, history: fc.array(turn, { maxLength: 4 }), options: fc.record({ topK: fc.integer({ min: 1, max: 50 }), includeRetrieved: fc.boolean() }) }),
        async (body) => {
          const status = await checkResponse(await postJson(app, "/api/ask", body), body);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        },
      ),
      { numRuns: RUNS.valid },
    );
    console.log(`api/valid: ${RUNS.valid} cases`, Object.fromEntries(statuses));
    expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS.valid / 2);
  });

  it(`raw bytes with any content type never give 5xx (${RUNS.raw} cases)`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 500 }), fc.uint8Array({ maxLength: 20000 }).map((b) => new TextDecoder().decode(b))),
        fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/json; charset=latin1"),
        async (raw, type) => {
          const res = await app.request("/api/ask", { method: "POST", headers: type ? { "content-type": type } : {}, body: raw });
          const status = await checkResponse(res, raw);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        },
      ),
      { numRuns: RUNS.raw },
    );
    console.log(`api/raw: ${RUNS.raw} cases`, Object.fromEntries(statuses));
  });

  it("still answers exactly as before afterwards", async () => {
    const after = await probe(app);
    expect(after.answer).toBe(baseline.answer);
    expect(after.citations).toEqual(baseline.citations);
  });
});

describe("the index under bad files", () => {
  it(`stays valid when random and truncated files are ingested beside good ones (${RUNS.files} bad files)`, async () => {
    const corpus = path.join(fx.dir, "korpus-med-skrap");
    await fs.cp(FIXTURE_CORPUS, corpus, { recursive: true });
    const real = [await fs.readFile(path.join(FIXTURE_CORPUS, "ekonomiskt-bistand.pdf")), await fs.readFile(path.join(FIXTURE_CORPUS, "delegationsordning.docx"))];
    const bad = fc.sample(
      fc.tuple(
        fc.constantFrom(".pdf", ".docx", ".html", ".md", ".txt"),
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 3000 }),
          fc.tuple(fc.constantFrom(...real), fc.double({ min: 0.05, max: 0.95, noNaN: true })).map(([b, at]) => b.subarray(0, Math.floor(b.length * at))),
        ),
      ),
      { numRuns: RUNS.files, seed: 20250630 },
    );
    await fs.mkdir(path.join(corpus, "skrap"));
    await Promise.all(bad.map(([ext, bytes], i) => fs.writeFile(path.join(corpus, "skrap", `fil-${i}${ext}`), bytes)));
    const config = fx.config({ CORPUS_DIR: corpus, INDEX_DIR: path.join(fx.dir, "index-med-skrap") });
    const summary = await runIngest({ corpusDir: corpus, indexDir: config.indexDir, config });
    expect(summary.documents).toBeGreaterThanOrEqual(5);
    const service = await openAnswerService(config);
    for (const d of service.index.manifest.documents) expect(service.index.documentText(d.id)).toBeTypeOf("string");
    const answer = await probe(fx.app({}, { answers: () => service }));
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]!.source).toBe("orosanmalan.md");
    console.log(`index/bad-files: ${RUNS.files} bad files, ${summary.documents} documents indexed`);
  });
});
