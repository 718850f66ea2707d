/**
 * A tiny loopback server for the chat's end-to-end test: serves web/ with the
 * production CSP and answers the API with scripted but protocol-correct
 * responses (request bodies are validated with the shared zod schemas, the
 * stream uses the real event names). Replaced by the real server later; see
 * `startServer()` in helpers.ts.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { askRequestSchema } from "../../src/core/schemas.js";
import type { Answer, Citation, RetrievedPassage } from "../../src/core/schemas.js";

/** The strict policy the real server applies. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const WEB_ROOT = fileURLToPath(new URL("../../web/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json; charset=utf-8",
};

interface SourceRecord {
  chunkId: string;
  documentId: string;
  source: string;
  title: string;
  section: string;
  page: number | null;
  text: string;
  before: string;
  after: string;
  url: string;
  version: string;
  reviewBy: string;
}

const SOURCES: SourceRecord[] = [
  {
    chunkId: "orosanmalan#0002",
    documentId: "orosanmalan",
    source: "barn-och-unga/rutin-orosanmalan.pdf",
    title: "Rutin för orosanmälan",
    section: "Rutin för orosanmälan › Så gör du en anmälan",
    page: 2,
    text:
      "Den som i sitt arbete får kännedom om eller misstänker att ett barn far illa ska genast göra en orosanmälan till socialnämnden. " +
      "Anmälan görs skriftligt via e-tjänsten eller på blanketten Orosanmälan.",
    before: "Anmälningsskyldigheten gäller alla som arbetar inom socialtjänsten, skolan och hälso- och sjukvården.",
    after: "Anmälan kan inte göras anonymt av den som är anmälningsskyldig.",
    url: "/api/documents/orosanmalan/file#page=2",
    version: "3.1",
    reviewBy: "2025-06-01",
  },
  {
    chunkId: "orosanmalan#0003",
    documentId: "orosanmalan",
    source: "barn-och-unga/rutin-orosanmalan.pdf",
    title: "Rutin för orosanmälan",
    section: "Rutin för orosanmälan › Akuta situationer",
    page: 3,
    text:
      "Vid akut fara för barnet ring 112. Under kvällar och helger tar socialjouren emot anmälan på telefon 010-123 45 67.",
    before: "Anmälan kan inte göras anonymt av den som är anmälningsskyldig.",
    after: "Bekräftelse på mottagen anmälan skickas inom en arbetsdag.",
    url: "/api/documents/orosanmalan/file#page=3",
    version: "3.1",
    reviewBy: "2025-06-01",
  },
  {
    chunkId: "delegationsordning#0011",
    documentId: "delegationsordning",
    source: "gemensamt/delegationsordning.docx",
    title: "Delegationsordning för socialnämnden",
    section: "Delegationsordning › LVU",
    page: null,
    text: "Beslut om omedelbart omhändertagande enligt 6 § LVU fattas av nämndens ordförande eller annan ledamot som nämnden har förordnat.",
    before: "Ärenden enligt LVU beslutas av nämnden om inte annat anges.",
    after: "Beslutet ska anmälas vid nämndens nästa sammanträde.",
    url: "/api/documents/delegationsordning/file",
    version: "2024-1",
    reviewBy: "2026-12-31",
  },
  {
    chunkId: "ekonomiskt-bistand#0004",
    documentId: "ekonomiskt-bistand",
    source: "vuxen/riktlinjer-ekonomiskt-bistand.html",
    title: "Riktlinjer för ekonomiskt bistånd",
    section: "Riktlinjer › Ansökan",
    page: null,
    text: "Ansökan om ekonomiskt bistånd görs för en månad i taget och ska vara komplett med underlag.",
    before: "Riktlinjerna gäller handläggning enligt 4 kap. 1 § SoL.",
    after: "Handläggaren ska fatta beslut inom tio arbetsdagar.",
    url: "/api/documents/ekonomiskt-bistand/file",
    version: "5",
    reviewBy: "2026-03-31",
  },
];

function source(chunkId: string): SourceRecord {
  const found = SOURCES.find((s) => s.chunkId === chunkId);
  if (!found) throw new Error(`scripted-api: unknown chunk ${chunkId}`);
  return found;
}

function cite(n: number, chunkId: string, quote: string): Citation {
  const s = source(chunkId);
  if (!s.text.includes(quote)) throw new Error(`scripted-api: quote not in chunk ${chunkId}`);
  return { n, chunkId, documentId: s.documentId, source: s.source, title: s.title, section: s.section, page: s.page, quote, url: s.url };
}

function passage(chunkId: string, score: number): RetrievedPassage {
  const s = source(chunkId);
  return { chunkId, documentId: s.documentId, source: s.source, title: s.title, section: s.section, page: s.page, score, text: s.text };
}

type ScriptedAnswer = Answer & { piiWarning?: string };

/** Picks a scripted answer from words in the question (and whether it is a follow-up). */
function answerFor(question: string, isFollowUp: boolean): ScriptedAnswer {
  const q = question.toLowerCase();
  const base = { notices: [] as string[], timingMs: 42 };
  if (q.includes("parkering")) {
    return {
      ...base,
      answer: "Det framgår inte av de rutiner jag har tillgång till.",
      abstained: true,
      citations: [],
      retrieved: [passage("ekonomiskt-bistand#0004", 0.31), passage("orosanmalan#0003", 0.22), passage("orosanmalan#0002", 0.2)],
    };
  }
  if (isFollowUp && (q.includes("kväll") || q.includes("helg"))) {
    return {
      ...base,
      answer: "Under kvällar och helger tar socialjouren emot anmälan på telefon. [1] Vid akut fara för barnet ringer du 112. [1]",
      abstained: false,
      citations: [cite(1, "orosanmalan#0003", "Under kvällar och helger tar socialjouren emot anmälan på telefon 010-123 45 67.")],
      notices: ["Rutinen skulle ha reviderats 2025-06-01."],
    };
  }
  if (q.includes("lvu")) {
    return {
      ...base,
      answer: "Beslut om omedelbart omhändertagande enligt 6 § LVU fattas av nämndens ordförande eller en förordnad ledamot. [1]",
      abstained: false,
      citations: [cite(1, "delegationsordning#0011", "Beslut om omedelbart omhändertagande enligt 6 § LVU fattas av nämndens ordförande eller annan ledamot som nämnden har förordnat.")],
    };
  }
  if (q.includes("bistånd")) {
    return {
      ...base,
      answer: "Ekonomiskt bistånd söks för en månad i taget och ansökan ska vara komplett med underlag. [1]",
      abstained: false,
      citations: [cite(1, "ekonomiskt-bistand#0004", "Ansökan om ekonomiskt bistånd görs för en månad i taget och ska vara komplett med underlag.")],
    };
  }
  const pii = /\d{6}[-+]?\d{4}/.test(question);
  return {
    ...base,
    answer:
      "Om du i ditt arbete misstänker att ett barn far illa ska du genast göra en orosanmälan till socialnämnden. [1]\n\n" +
      "Så gör du:\n- Anmäl skriftligt via e-tjänsten eller på blanketten Orosanmälan. [1]\n- Vid akut fara för barnet ringer du 112. [2]",
    abstained: false,
    citations: [
      cite(1, "orosanmalan#0002", "Den som i sitt arbete får kännedom om eller misstänker att ett barn far illa ska genast göra en orosanmälan till socialnämnden."),
      cite(2, "orosanmalan#0003", "Vid akut fara för barnet ring 112."),
    ],
    notices: ["Rutinen skulle ha reviderats 2025-06-01."],
    ...(pii ? { piiWarning: "Skriv inte personuppgifter i frågan." } : {}),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message, requestId: `req-${Math.random().toString(36).slice(2, 10)}` } });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return JSON.parse(Buffer.concat(parts).toString("utf8"));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function streamAnswer(res: ServerResponse, answer: ScriptedAnswer): Promise<void> {
  res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache" });
  const write = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  res.write(": ansluten\n\n");
  // Split into sentence-sized tokens so markers and text arrive separately.
  for (const token of answer.answer.match(/[^.\n]+[.\n]?\s*/g) ?? []) {
    write("token", { text: token });
    await sleep(15);
  }
  write("citations", { citations: answer.citations });
  write("done", answer);
  res.end();
}

async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
  const relative = pathname === "/" ? "index.html" : decodeURIComponent(pathname.slice(1));
  const file = resolve(WEB_ROOT, relative);
  if (!file.startsWith(WEB_ROOT.endsWith(sep) ? WEB_ROOT : WEB_ROOT + sep)) return sendError(res, 404, "not_found", "Sidan finns inte.");
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Security-Policy": CONTENT_SECURITY_POLICY,
      "X-Content-Type-Options": "nosniff",
    });
    res.end(body);
  } catch {
    sendError(res, 404, "not_found", "Sidan finns inte.");
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = url.pathname;
  if (req.method === "POST" && path === "/api/ask") {
    const parsed = askRequestSchema.safeParse(await readJson(req));
    if (!parsed.success) return sendError(res, 400, "validation_error", parsed.error.issues[0]?.message ?? "Ogiltig fråga.");
    const { question, history = [] } = parsed.data;
    const answer = answerFor(question, history.length > 0);
    if (!parsed.data.options?.includeRetrieved) delete answer.retrieved;
    if ((req.headers.accept ?? "").includes("text/event-stream")) return streamAnswer(res, answer);
    return sendJson(res, 200, answer);
  }
  const sourceMatch = /^\/api\/sources\/(.+)$/.exec(path);
  if (req.method === "GET" && sourceMatch) {
    const found = SOURCES.find((s) => s.chunkId === decodeURIComponent(sourceMatch[1] ?? ""));
    return found ? sendJson(res, 200, found) : sendError(res, 404, "chunk_not_found", "Källan finns inte i indexet.");
  }
  if (req.method === "POST" && path === "/api/feedback") {
    const body = (await readJson(req)) as Record<string, unknown>;
    if (typeof body.question !== "string" || typeof body.answer !== "string" || !["up", "down"].includes(String(body.rating)) || !Array.isArray(body.citations)) {
      return sendError(res, 400, "validation_error", "Återkopplingen är ofullständig.");
    }
    return sendJson(res, 201, { id: `fb-${Date.now()}` });
  }
  if (req.method === "GET" && path === "/api/health") {
    return sendJson(res, 200, { status: "ok", documents: 3, chunks: SOURCES.length, manifest: { schemaVersion: 1 } });
  }
  if (req.method === "GET" && /^\/api\/documents\/[^/]+\/file$/.test(path)) {
    res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
    return void res.end("Originaldokument (testfil)");
  }
  if (path.startsWith("/api/")) return sendError(res, 404, "not_found", "Adressen finns inte.");
  if (req.method === "GET") return serveStatic(res, path);
  sendError(res, 405, "method_not_allowed", "Metoden stöds inte.");
}

/** Starts the scripted server on a random loopback port. */
export async function startScriptedServer(): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 500, "internal", `Internt fel: ${String(err)}`);
      else res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("scripted-api: no port");
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
