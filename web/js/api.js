/**
 * Client for the Rutinsvar HTTP API. Paths are relative so the chat also
 * works when the service is mounted under a sub-path behind a proxy.
 */
import { createSseParser } from "./sse.js";

/** An error the user should see; `message` is Swedish and comes from the server when possible. */
class ApiError extends Error {
  /**
   * @param {string} message
   * @param {{code?: string, requestId?: string, status?: number}} [details]
   */
  constructor(message, details = {}) {
    super(message);
    this.name = "ApiError";
    this.code = details.code ?? "unknown";
    this.requestId = details.requestId;
    this.status = details.status;
  }
}

const NETWORK_MESSAGE = "Kunde inte nå tjänsten. Kontrollera anslutningen och försök igen.";

/**
 * Reads the `{error: {code, message, requestId}}` envelope, or describes the status.
 * @param {Response} response
 * @returns {Promise<ApiError>}
 */
async function errorFrom(response) {
  try {
    const body = await response.json();
    if (body?.error && typeof body.error.message === "string") {
      return new ApiError(body.error.message, {
        code: body.error.code,
        requestId: body.error.requestId,
        status: response.status,
      });
    }
  } catch {
    // Not JSON: fall through to a generic message.
  }
  return new ApiError(`Tjänsten svarade med ett fel (HTTP ${response.status}). Försök igen om en stund.`, {
    code: "http_error",
    status: response.status,
  });
}

const TOKEN_KEY = "rutinsvar-token";

/** The staff access key (AUTH_MODE=token), kept for this tab only. */
export function storedToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/**
 * fetch() that turns network failures into ApiError but lets aborts through.
 * Sends the stored access key; when the server asks for one (401 with a
 * Bearer challenge) the user is prompted once and the request repeated.
 * @param {string} url
 * @param {RequestInit} init
 */
async function request(url, init, retried = false) {
  const token = storedToken();
  const headers = new Headers(init?.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  let response;
  try {
    response = await fetch(url, { ...init, headers });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(NETWORK_MESSAGE, { code: "network" });
  }
  if (response.status === 401 && !retried && /^Bearer/i.test(response.headers.get("WWW-Authenticate") ?? "")) {
    const entered = window.prompt(token ? "Åtkomstnyckeln godtogs inte. Ange din åtkomstnyckel:" : "Ange din åtkomstnyckel för Rutinsvar:");
    if (entered?.trim()) {
      sessionStorage.setItem(TOKEN_KEY, entered.trim());
      return request(url, init, true);
    }
  }
  return response;
}

/**
 * Downloads a file that needs the access key (a plain link cannot send it).
 * @param {string} url
 */
export async function downloadWithToken(url) {
  const response = await request(url, {});
  if (!response.ok) throw await errorFrom(response);
  const name = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get("Content-Disposition") ?? "")?.[1];
  const href = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = href;
  a.download = name ? decodeURIComponent(name) : "dokument";
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/**
 * Parses JSON data of one stream event.
 * @param {{event: string, data: string}} ev
 */
function eventData(ev) {
  try {
    return JSON.parse(ev.data);
  } catch {
    throw new ApiError("Svaret från tjänsten gick inte att läsa. Försök igen.", { code: "bad_stream" });
  }
}

/**
 * Asks a question. Streams when the server answers with text/event-stream,
 * otherwise reads the JSON answer.
 * @param {{question: string, history?: Array<{role: "user" | "assistant", content: string}>, options?: {topK?: number, includeRetrieved?: boolean, unit?: string, collections?: string[]}}} body
 * @param {{onToken?: (text: string) => void, onCitations?: (citations: any[]) => void, signal?: AbortSignal}} [handlers]
 * @returns {Promise<any>} the Answer JSON
 */
export async function ask(body, handlers = {}) {
  const response = await request("api/ask", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream, application/json" },
    body: JSON.stringify(body),
    signal: handlers.signal,
  });
  if (!response.ok) throw await errorFrom(response);
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("text/event-stream") || !response.body) return response.json();

  const parser = createSseParser();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      const events = done ? parser.end() : parser.feed(value);
      for (const ev of events) {
        if (ev.event === "token") handlers.onToken?.(String(eventData(ev).text ?? ""));
        else if (ev.event === "citations") handlers.onCitations?.(eventData(ev).citations ?? []);
        else if (ev.event === "error") {
          const data = eventData(ev);
          throw new ApiError(String(data.message ?? "Något gick fel när svaret togs fram."), {
            code: data.code,
            requestId: data.requestId,
          });
        } else if (ev.event === "done") return eventData(ev);
      }
      if (done) break;
    }
  } catch (err) {
    if (err instanceof ApiError || (err instanceof DOMException && err.name === "AbortError")) throw err;
    throw new ApiError(NETWORK_MESSAGE, { code: "network" });
  } finally {
    reader.cancel().catch(() => {});
  }
  throw new ApiError("Svaret avbröts innan det var klart. Försök igen.", { code: "stream_incomplete" });
}

/**
 * Fetches a passage with its surrounding text.
 * @param {string} chunkId
 * @param {AbortSignal} [signal]
 */
export async function getSource(chunkId, signal) {
  const response = await request(`api/sources/${encodeURIComponent(chunkId)}`, {
    headers: { Accept: "application/json" },
    signal,
  });
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

/**
 * Sends feedback on an answer.
 * @param {{question: string, answer: string, rating: "up" | "down", comment?: string, citations: Array<{chunkId: string, source: string}>}} body
 * @returns {Promise<{id: string}>}
 */
export async function sendFeedback(body) {
  const response = await request("api/feedback", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

/** Reads the service status for the footer. */
export async function getHealth() {
  const response = await request("api/health", { headers: { Accept: "application/json" } });
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

/**
 * The collections (units) the user may read, for the unit picker.
 * @returns {Promise<{collections: Array<{name: string, documents: number}>}>}
 */
export async function getCollections() {
  const response = await request("api/collections", { headers: { Accept: "application/json" } });
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

/**
 * Example questions from this deployment, for one unit or all.
 * @param {string} [unit]
 * @returns {Promise<{questions: string[]}>}
 */
export async function getExamples(unit) {
  const query = unit ? `?unit=${encodeURIComponent(unit)}` : "";
  const response = await request(`api/examples${query}`, { headers: { Accept: "application/json" } });
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}
