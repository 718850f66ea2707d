/**
 * The source panel: a modal <dialog> styled as a side panel that shows a
 * cited passage in its context, with the quote highlighted and a link to the
 * original file. Native showModal() gives the focus trap and Escape; this
 * module adds loading, rendering and focus return.
 */
import { downloadWithToken, storedToken } from "./api.js";
import { el, icon, sectionWithoutTitle } from "./dom.js";
import { findQuoteRanges } from "./highlight.js";
import { renderTextWithTables } from "./table-text.js";

/**
 * @typedef {{chunkId: string, title?: string, section?: string, page?: number | null, quote?: string, url?: string, source?: string}} SourceRef
 */

/**
 * Wires the panel to its dialog element.
 * @param {{dialog: HTMLDialogElement, fetchSource: (chunkId: string, signal: AbortSignal) => Promise<any>, fallbackFocus: () => HTMLElement}} deps
 * @returns {{open: (ref: SourceRef, label: string, opener: HTMLElement | null) => void, close: () => void}}
 */
export function createSourcePanel({ dialog, fetchSource, fallbackFocus }) {
  const kicker = /** @type {HTMLElement} */ (dialog.querySelector("[data-panel-kicker]"));
  const title = /** @type {HTMLElement} */ (dialog.querySelector("[data-panel-title]"));
  const body = /** @type {HTMLElement} */ (dialog.querySelector("[data-panel-body]"));
  const closeButton = /** @type {HTMLButtonElement} */ (dialog.querySelector("[data-panel-close]"));
  /** @type {Map<string, any>} */
  const cache = new Map();
  /** @type {HTMLElement | null} */
  let opener = null;
  /** @type {AbortController | null} */
  let loading = null;

  closeButton.addEventListener("click", () => close());
  // A click on the backdrop lands on the dialog element itself.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) close();
  });
  dialog.addEventListener("close", () => {
    loading?.abort();
    loading = null;
    const target = opener?.isConnected ? opener : fallbackFocus();
    opener = null;
    // "close" fires a task after the dialog hides; by then the browser may
    // have restored focus itself, or the user may have moved on (Alt+K).
    // Only take focus back when it is lost on <body> or left in the dialog.
    const active = document.activeElement;
    if (active && active !== document.body && !dialog.contains(active)) return;
    target.focus();
  });

  function close() {
    if (dialog.open) dialog.close();
  }

  /**
   * @param {SourceRef} ref
   * @param {string} label e.g. "Källa 2"
   * @param {HTMLElement | null} from the control that opened the panel
   */
  function open(ref, label, from) {
    opener = from;
    kicker.textContent = label;
    title.textContent = ref.title || "Källa";
    body.replaceChildren(el("p", { class: "panel-loading", text: "Hämtar källan …" }));
    body.setAttribute("aria-busy", "true");
    if (!dialog.open) dialog.showModal();
    title.focus();

    loading?.abort();
    const controller = new AbortController();
    loading = controller;
    const cached = cache.get(ref.chunkId);
    const pending = cached ? Promise.resolve(cached) : fetchSource(ref.chunkId, controller.signal);
    pending
      .then((source) => {
        cache.set(ref.chunkId, source);
        if (loading !== controller) return;
        title.textContent = source.title || ref.title || "Källa";
        render(source, ref);
      })
      .catch((err) => {
        if (loading !== controller || (err instanceof DOMException && err.name === "AbortError")) return;
        renderError(err, ref);
      })
      .finally(() => {
        if (loading === controller) {
          loading = null;
          body.setAttribute("aria-busy", "false");
        }
      });
  }

  /** @param {any} source @param {SourceRef} ref */
  function render(source, ref) {
    const children = [metaList(source)];
    const text = String(source.text ?? "");
    const ranges = ref.quote ? findQuoteRanges(text, ref.quote) : [];

    // Table rows ("A | B") render as tables, in the passage and in its context.
    const passage = el("div", { class: "passage" });
    if (source.before) passage.append(el("div", { class: "passage-context" }, renderTextWithTables(`… ${String(source.before).trimStart()}`)));
    const chunk = el("div", { class: "passage-chunk" });
    chunk.append(renderTextWithTables(text, ranges));
    passage.append(chunk);
    if (source.after) passage.append(el("div", { class: "passage-context" }, renderTextWithTables(`${String(source.after).trimEnd()} …`)));

    children.push(el("h3", { class: "panel-subheading", text: "Stycket i sitt sammanhang" }));
    if (ref.quote && ranges.length > 0) {
      children.push(el("p", { class: "panel-hint", text: "Den citerade meningen är markerad." }));
    } else if (ref.quote) {
      children.push(
        el("p", { class: "panel-hint", text: "Citatet kunde inte markeras exakt. Citerad text:" }),
        el("blockquote", { class: "panel-quote", text: ref.quote }),
      );
    }
    children.push(passage);
    const published = source.sourceUrl || /** @type {any} */ (ref).sourceUrl;
    if (published) children.push(publishedLink(String(published)));
    const url = source.url || ref.url;
    if (url) children.push(originalLink(url));
    body.replaceChildren(...children);
    scrollToMark(body, passage.querySelector("mark"));
  }

  /** @param {any} err @param {SourceRef} ref */
  function renderError(err, ref) {
    const children = [
      el("div", { class: "callout callout-error", role: "alert" }, icon("alert"), el("p", { text: String(err?.message ?? "Källan kunde inte hämtas.") })),
    ];
    if (ref.quote) {
      children.push(el("h3", { class: "panel-subheading", text: "Citerad text" }), el("blockquote", { class: "panel-quote", text: ref.quote }));
    }
    if (ref.url) children.push(originalLink(ref.url));
    body.replaceChildren(...children);
  }

  return { open, close };
}

/**
 * Title-independent facts about the document.
 * @param {any} source
 */
function metaList(source) {
  const list = el("dl", { class: "source-meta" });
  /** @param {string} term @param {string | Node} value */
  const add = (term, value) => list.append(el("div", { class: "source-meta-row" }, el("dt", { text: term }), el("dd", {}, value)));
  if (source.collection) add("Enhet", String(source.collection));
  const section = sectionWithoutTitle(source);
  if (section) add("Avsnitt", section);
  if (typeof source.page === "number") add("Sida", String(source.page));
  if (source.version) add("Version", String(source.version));
  if (source.reviewBy) {
    const overdue = isPast(String(source.reviewBy));
    add(
      "Revideras senast",
      overdue
        ? el("span", { class: "overdue" }, icon("warning"), `${source.reviewBy} (datumet har passerats)`)
        : String(source.reviewBy),
    );
  }
  if (source.owner) add("Dokumentansvarig", String(source.owner));
  if (source.adoptedBy || source.adoptedOn) add("Beslutad", [source.adoptedBy, source.adoptedOn].filter(Boolean).join(", "));
  if (source.updatedOn) add("Uppdaterad", String(source.updatedOn));
  if (source.validUntil) add("Gäller", /^\d{4}-\d{2}-\d{2}$/.test(String(source.validUntil)) ? `till ${source.validUntil}` : String(source.validUntil));
  if (source.source) add("Fil", String(source.source));
  return list;
}

/**
 * The document as published (front matter `source_url`); only http(s) links reach here (server-side check).
 * @param {string} url
 */
function publishedLink(url) {
  return el(
    "a",
    { class: "button button-secondary original-link", href: url, target: "_blank", rel: "noopener noreferrer" },
    icon("external"),
    "Öppna det publicerade originalet",
    el("span", { class: "visually-hidden", text: " (öppnas i ny flik)" }),
  );
}

/**
 * Centres the highlight inside the panel body only; scrollIntoView would also
 * scroll the dialog and hide its header on small screens.
 * @param {HTMLElement} container @param {Element | null} mark
 */
function scrollToMark(container, mark) {
  if (!mark) return;
  const offset = mark.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop;
  container.scrollTop = Math.max(0, offset - container.clientHeight / 3);
}

/** @param {string} isoDate */
function isPast(isoDate) {
  const date = new Date(isoDate);
  return !Number.isNaN(date.getTime()) && date.getTime() < Date.now();
}

/** @param {string} url */
function originalLink(url) {
  const link = el(
    "a",
    { class: "button button-secondary original-link", href: url, target: "_blank", rel: "noopener" },
    icon("external"),
    "Öppna originaldokumentet",
    el("span", { class: "visually-hidden", text: " (öppnas i ny flik)" }),
  );
  // With an access key (AUTH_MODE=token) the file is fetched with it and downloaded; a plain link cannot send it.
  link.addEventListener("click", (event) => {
    if (!storedToken()) return;
    event.preventDefault();
    downloadWithToken(url).catch((err) => window.alert(err instanceof Error ? err.message : String(err)));
  });
  return link;
}
