/**
 * Incremental parser for `text/event-stream` bodies, following the
 * WHATWG event-stream rules (CR/LF/CRLF line ends, multi-line data,
 * comments). EventSource cannot POST, so the chat reads the stream itself.
 */

/**
 * @typedef {{event: string, data: string}} SseEvent
 */

/**
 * Creates a stateful parser; feed it decoded text chunks in order.
 * @returns {{feed: (chunk: string) => SseEvent[], end: () => SseEvent[]}}
 */
export function createSseParser() {
  let buffer = "";
  let eventName = "";
  /** @type {string[]} */
  let data = [];

  /** @param {string} line @param {SseEvent[]} out */
  function processLine(line, out) {
    if (line === "") {
      if (data.length > 0) out.push({ event: eventName || "message", data: data.join("\n") });
      eventName = "";
      data = [];
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") eventName = value;
    else if (field === "data") data.push(value);
  }

  return {
    feed(chunk) {
      buffer += chunk;
      /** @type {SseEvent[]} */
      const out = [];
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        if (!match) break;
        // A lone CR at the end may be the first half of a CRLF split across chunks.
        if (match[0] === "\r" && match.index === buffer.length - 1) break;
        processLine(buffer.slice(0, match.index), out);
        buffer = buffer.slice(match.index + match[0].length);
      }
      return out;
    },
    end() {
      /** @type {SseEvent[]} */
      const out = [];
      if (buffer !== "") processLine(buffer.replace(/\r$/, ""), out);
      buffer = "";
      processLine("", out);
      return out;
    },
  };
}
