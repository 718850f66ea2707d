/**
 * One question and its answer: loading state, streamed text with citation
 * chips, abstention, notices, source list, copy and feedback.
 */
import { el, icon, locationLabel } from "./dom.js";
import { parseAnswer } from "./answer-text.js";
import { isTableLine } from "./table-text.js";
import { createFeedback } from "./feedback.js";

/** The standard abstention sentence, shown as the title of the abstention box. */
const ABSTAIN_TEXT = "Det framgår inte av de rutiner jag har tillgång till.";

/**
 * @typedef {{documentId?: string, source?: string, title?: string, collection?: string}} CopyRef
 * @typedef {{n: number, chunkId: string, documentId?: string, source?: string, title?: string, section?: string, page?: number | null, quote?: string, url?: string, collection?: string, owner?: string, updatedOn?: string, validUntil?: string, sourceUrl?: string, alsoIn?: CopyRef[]}} Citation
 * @typedef {{openSource: (ref: any, label: string, opener: HTMLElement) => void, sendFeedback: (body: any) => Promise<unknown>, announce: (message: string) => void}} TurnDeps
 */

/**
 * Creates the view of one turn.
 * @param {string} question
 * @param {number} index 1-based position in the conversation, used for ids
 * @param {TurnDeps} deps
 */
export function createTurn(question, index, deps) {
  const id = `turn-${index}`;
  let text = "";
  /** @type {Citation[] | null} */
  let citations = null;
  let frame = 0;

  const questionHeading = el("h2", { id: `${id}-q`, class: "question-text", text: question });
  const answerHeading = el("h3", { id: `${id}-a`, class: "answer-heading", tabindex: "-1" }, "Svar");
  const alerts = el("div", { class: "answer-alerts" });
  const body = el(
    "div",
    { class: "answer-body", "aria-live": "polite", "aria-busy": "true" },
    loadingIndicator(),
  );
  const after = el("div", { class: "answer-after" });
  // Plain divs, not sections: one region landmark per answer would flood the landmark list.
  const answerSection = el(
    "div",
    { class: "answer" },
    el("div", { class: "answer-head" }, icon("doc"), answerHeading),
    alerts,
    body,
    after,
  );
  const root = el(
    "article",
    { class: "turn", "aria-labelledby": `${id}-q` },
    el("div", { class: "question" }, el("p", { class: "question-label", "aria-hidden": "true", text: "Din fråga" }), questionHeading),
    answerSection,
  );

  /** @param {number} n */
  const citationFor = (n) => citations?.find((c) => c.n === n);

  function renderText() {
    frame = 0;
    const known = citations;
    const blocks = parseAnswer(text, known ? (n) => known.some((c) => c.n === n) : () => true);
    body.replaceChildren(...renderBlocks(blocks, citationFor, deps));
  }

  function scheduleRender() {
    if (!frame) frame = requestAnimationFrame(renderText);
  }

  return {
    root,
    /** @param {string} token verified text to append */
    appendToken(token) {
      text += token;
      scheduleRender();
    },
    /** @param {Citation[]} list */
    setCitations(list) {
      citations = list;
      scheduleRender();
    },
    /**
     * Shows the final answer; the server's full answer replaces the streamed text.
     * @param {any} answer
     */
    complete(answer) {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      text = String(answer.answer ?? "");
      citations = Array.isArray(answer.citations) ? answer.citations : [];
      const cites = /** @type {Citation[]} */ (citations);

      if (answer.piiWarning) {
        alerts.append(
          el("div", { class: "callout callout-pii", role: "alert" }, icon("warning"), el("p", {}, el("strong", { text: String(answer.piiWarning) }))),
        );
      }
      if (answer.abstained) {
        body.replaceChildren(renderAbstention(text, answer.retrieved ?? [], citationFor, deps));
      } else {
        renderText();
      }
      body.setAttribute("aria-busy", "false");

      const notices = Array.isArray(answer.notices) ? answer.notices : [];
      if (notices.length > 0) {
        after.append(
          el(
            "div",
            { class: "callout callout-warning" },
            icon("warning"),
            el("ul", { class: "notice-list", "aria-label": "Att tänka på" }, notices.map((/** @type {unknown} */ n) => el("li", { text: String(n) }))),
          ),
        );
      }
      if (cites.length > 0) after.append(renderSourceList(id, cites, deps));
      after.append(
        el(
          "div",
          { class: "answer-actions" },
          copyButton(() => plainText(text, cites), deps.announce),
          createFeedback({
            idPrefix: id,
            send: deps.sendFeedback,
            buildBody: (rating, comment) => ({
              question,
              answer: text,
              rating,
              ...(comment ? { comment } : {}),
              citations: cites.map((c) => ({ chunkId: c.chunkId, source: c.source ?? "" })),
            }),
          }),
        ),
      );
    },
    /**
     * Shows an error; any text already streamed stays visible.
     * @param {{message?: string, requestId?: string}} err
     */
    fail(err) {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      if (text) renderText();
      else body.replaceChildren();
      body.setAttribute("aria-busy", "false");
      body.append(
        el(
          "div",
          { class: "callout callout-error", role: "alert" },
          icon("alert"),
          el(
            "div",
            {},
            el("p", { text: String(err.message ?? "Något gick fel.") }),
            err.requestId ? el("p", { class: "muted small", text: `Referens: ${err.requestId}` }) : null,
          ),
        ),
      );
    },
    focusAnswer() {
      answerHeading.focus({ preventScroll: true });
    },
  };
}

function loadingIndicator() {
  return el(
    "p",
    { class: "loading" },
    el("span", { class: "loading-dots", "aria-hidden": "true" }, el("span"), el("span"), el("span")),
    "Söker i rutinerna …",
  );
}

/**
 * @param {import("./answer-text.js").Block[]} blocks
 * @param {(n: number) => Citation | undefined} citationFor
 * @param {TurnDeps} deps
 * @returns {HTMLElement[]}
 */
function renderBlocks(blocks, citationFor, deps) {
  /** @param {import("./answer-text.js").Segment[]} segments @param {HTMLElement} target */
  const fill = (segments, target) => {
    for (const seg of segments) {
      if (seg.type === "cite") target.append(chip(seg.n, citationFor(seg.n), deps));
      else if (seg.strong) target.append(el("strong", { text: seg.text }));
      else target.append(seg.text);
    }
    return target;
  };
  return blocks.flatMap((block) => {
    if (block.type === "list") {
      return [el(block.ordered ? "ol" : "ul", { class: "answer-list" }, block.items.map((item) => fill(item, el("li"))))];
    }
    // Table rows quoted from a routine ("A | B | C") render as a table; the other lines as a paragraph.
    /** @type {HTMLElement[]} */
    const out = [];
    /** @type {HTMLElement | null} */
    let p = null;
    /** @type {HTMLElement | null} */
    let tbody = null;
    for (const line of block.lines) {
      if (isTableLine(lineText(line))) {
        p = null;
        if (!tbody) {
          tbody = el("tbody");
          out.push(el("div", { class: "text-table-wrap" }, el("table", { class: "text-table" }, tbody)));
        }
        tbody.append(el("tr", {}, tableCells(line).map((cell) => fill(cell, el("td")))));
        continue;
      }
      tbody = null;
      if (!p) {
        p = el("p");
        out.push(p);
      } else p.append(el("br"));
      fill(line, p);
    }
    return out;
  });
}

/** @param {import("./answer-text.js").Segment[]} line */
function lineText(line) {
  return line.map((seg) => (seg.type === "text" ? seg.text : "")).join("");
}

/**
 * A line's segments split into table cells at " | "; citation chips stay in their cell.
 * @param {import("./answer-text.js").Segment[]} line
 */
function tableCells(line) {
  /** @type {import("./answer-text.js").Segment[][]} */
  const cells = [[]];
  for (const seg of line) {
    if (seg.type !== "text") {
      cells[cells.length - 1]?.push(seg);
      continue;
    }
    seg.text.split(" | ").forEach((part, i) => {
      if (i > 0) cells.push([]);
      if (part !== "") cells[cells.length - 1]?.push({ ...seg, text: part });
    });
  }
  return cells;
}

/**
 * The unit and control facts of a cited document, as short Swedish phrases.
 * @param {Citation} c
 */
function documentFacts(c) {
  const facts = [];
  if (c.updatedOn) facts.push(`Uppdaterad ${c.updatedOn}`);
  if (c.validUntil) facts.push(/^\d{4}-\d{2}-\d{2}$/.test(c.validUntil) ? `Gäller till ${c.validUntil}` : `Gäller ${c.validUntil}`);
  if (c.owner) facts.push(`Ansvarig: ${c.owner}`);
  return facts;
}

/**
 * "Finns även i: Gruppbostad, Servicehus (SoL)": the other units holding the same passage.
 * @param {Citation} c
 */
function alsoInText(c) {
  const names = [...new Set((c.alsoIn ?? []).map((copy) => copy.collection || copy.title || copy.source || "").filter(Boolean))];
  return names.length > 0 ? `Finns även i: ${names.join(", ")}` : "";
}

/**
 * A citation marker rendered as a button.
 * @param {number} n @param {Citation | undefined} citation @param {TurnDeps} deps
 */
function chip(n, citation, deps) {
  const label = citation?.title ? `Källa ${n}: ${citation.title}${citation.collection ? ` (${citation.collection})` : ""}` : `Källa ${n}`;
  const button = el("button", { type: "button", class: "cite-chip", "aria-label": label, text: String(n) });
  if (citation) button.addEventListener("click", () => deps.openSource(citation, `Källa ${n}`, button));
  else button.setAttribute("aria-disabled", "true");
  return button;
}

/**
 * @param {string} id @param {Citation[]} cites @param {TurnDeps} deps
 */
function renderSourceList(id, cites, deps) {
  const sorted = [...cites].sort((a, b) => a.n - b.n);
  return el(
    "div",
    { class: "sources" },
    el("h4", { id: `${id}-sources`, class: "sources-heading", text: "Källor" }),
    el(
      "ol",
      { class: "source-list" },
      sorted.map((c) => {
        const button = el(
          "button",
          { type: "button", class: "link-button source-title" },
          el("span", { class: "visually-hidden", text: `Källa ${c.n}: ` }),
          c.title || c.source || "Okänt dokument",
        );
        button.addEventListener("click", () => deps.openSource(c, `Källa ${c.n}`, button));
        const where = locationLabel(c);
        const facts = documentFacts(c);
        const also = alsoInText(c);
        return el(
          "li",
          { class: "source-item" },
          el("span", { class: "source-n", "aria-hidden": "true", text: String(c.n) }),
          el(
            "div",
            { class: "source-text" },
            el("span", { class: "source-heading" }, button, c.collection ? el("span", { class: "source-unit", text: c.collection }) : null),
            where ? el("span", { class: "source-where", text: where }) : null,
            facts.length > 0 ? el("span", { class: "source-facts", text: facts.join(" · ") }) : null,
            also ? el("span", { class: "source-also", text: also }) : null,
            c.quote ? el("q", { class: "source-quote", text: truncate(c.quote.replace(/ \| /g, " · "), 220) }) : null,
            c.sourceUrl
              ? el(
                  "a",
                  { class: "source-original", href: c.sourceUrl, target: "_blank", rel: "noopener noreferrer" },
                  "Publicerat original",
                  el("span", { class: "visually-hidden", text: ` för ${c.title ?? "dokumentet"} (öppnas i ny flik)` }),
                )
              : null,
          ),
        );
      }),
    ),
  );
}

/**
 * The distinct "the routines do not say" box with the closest documents.
 * @param {string} text @param {any[]} retrieved
 * @param {(n: number) => Citation | undefined} citationFor @param {TurnDeps} deps
 */
function renderAbstention(text, retrieved, citationFor, deps) {
  const rest = text.replace(ABSTAIN_TEXT, "").trim();
  const content = el("div", { class: "callout-content" }, el("p", { class: "callout-title", text: ABSTAIN_TEXT }));
  if (rest) content.append(...renderBlocks(parseAnswer(rest, (n) => citationFor(n) !== undefined), citationFor, deps));

  /** @type {Map<string, any>} */
  const closest = new Map();
  for (const r of retrieved) {
    const key = r.documentId ?? r.chunkId;
    if (!closest.has(key)) closest.set(key, r);
    if (closest.size >= 3) break;
  }
  if (closest.size > 0) {
    content.append(
      el("p", { class: "closest-label", text: "Närmast låg:" }),
      el(
        "ul",
        { class: "closest-list", "aria-label": "Närmast låg" },
        [...closest.values()].map((r) => {
          const button = el("button", { type: "button", class: "link-button", text: `${r.title || r.source || "Dokument"}${r.collection ? ` (${r.collection})` : ""}` });
          button.addEventListener("click", () => deps.openSource(r, "Närmast låg", button));
          const where = locationLabel(r);
          return el("li", {}, button, where ? el("span", { class: "source-where", text: where }) : null);
        }),
      ),
    );
  }
  content.append(el("p", { class: "callout-hint", text: "Formulera gärna om frågan, eller fråga din närmaste chef." }));
  return el("div", { class: "callout callout-abstain" }, icon("info"), content);
}

/**
 * @param {() => string} getText @param {(message: string) => void} announce
 */
function copyButton(getText, announce) {
  const label = el("span", { text: "Kopiera svar" });
  const button = el("button", { type: "button", class: "button button-ghost button-small copy-button" }, icon("copy"), label);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  button.addEventListener("click", async () => {
    const ok = await copyText(getText());
    label.textContent = ok ? "Kopierat" : "Kunde inte kopiera";
    announce(ok ? "Svaret är kopierat." : "Svaret kunde inte kopieras.");
    clearTimeout(timer);
    timer = setTimeout(() => (label.textContent = "Kopiera svar"), 2500);
  });
  return button;
}

/** @param {string} value */
async function copyText(value) {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    // Clipboard API needs a secure context; intranets often serve plain HTTP.
    const area = el("textarea", { class: "offscreen", "aria-hidden": "true", tabindex: "-1" });
    /** @type {HTMLTextAreaElement} */ (area).value = value;
    const previous = /** @type {HTMLElement | null} */ (document.activeElement);
    document.body.append(area);
    /** @type {HTMLTextAreaElement} */ (area).select();
    const ok = document.execCommand("copy");
    area.remove();
    previous?.focus();
    return ok;
  }
}

/**
 * The answer as plain text with its sources, for the clipboard.
 * @param {string} text @param {Citation[]} cites
 */
function plainText(text, cites) {
  if (cites.length === 0) return text;
  const lines = [...cites]
    .sort((a, b) => a.n - b.n)
    .map((c) => {
      const where = locationLabel(c);
      return `[${c.n}] ${c.title ?? c.source ?? ""}${c.collection ? ` (${c.collection})` : ""}${where ? `, ${where}` : ""}${c.sourceUrl ? ` ${c.sourceUrl}` : ""}`;
    });
  return `${text}\n\nKällor:\n${lines.join("\n")}`;
}

/** @param {string} value @param {number} max */
function truncate(value, max) {
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
}
