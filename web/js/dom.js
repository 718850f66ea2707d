/**
 * Tiny DOM builder. Text is only ever set through text nodes / textContent,
 * because answers and documents are untrusted input.
 */

/**
 * Creates an element.
 * @param {string} tag
 * @param {Record<string, unknown>} [props] `class`, `text`, `on<event>` handlers,
 *   boolean attributes as `true`; anything else becomes an attribute.
 * @param {...(Node | string | null | undefined | false | Array<Node | string | null | undefined | false>)} children
 * @returns {HTMLElement}
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = String(value);
    else if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    } else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Stroke paths of simple 24×24 line icons. */
const ICONS = {
  info: ["M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z", "M12 16v-4", "M12 8h.01"],
  warning: ["M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z", "M12 9v4", "M12 17h.01"],
  copy: ["M9 9h11v11H9z", "M5 15H4V4h11v1"],
  check: ["M20 6 9 17l-5-5"],
  up: ["M7 10v11H3V10h4z", "M7 10l4-8a3 3 0 0 1 3 3v4h5.5a2 2 0 0 1 2 2.3l-1.4 8a2 2 0 0 1-2 1.7H7"],
  down: ["M17 14V3h4v11h-4z", "M17 14l-4 8a3 3 0 0 1-3-3v-4H4.5a2 2 0 0 1-2-2.3l1.4-8a2 2 0 0 1 2-1.7H17"],
  external: ["M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6", "M15 3h6v6", "M10 14 21 3"],
  close: ["M18 6 6 18", "M6 6l12 12"],
  doc: ["M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z", "M14 2v6h6", "M8 13h8", "M8 17h5"],
  plus: ["M12 5v14", "M5 12h14"],
  send: ["M22 2 11 13", "M22 2l-7 20-4-9-9-4z"],
  alert: ["M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z", "M12 8v4", "M12 16h.01"],
};

/**
 * An inline, decorative SVG icon (hidden from assistive technology).
 * @param {keyof typeof ICONS} name
 * @returns {SVGSVGElement}
 */
export function icon(name) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", `icon icon-${name}`);
  for (const d of ICONS[name]) {
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}

/**
 * Describes where a passage sits: "Avsnitt, s. 4". A heading path that starts
 * with the document title drops it, since the title is shown beside it.
 * @param {{title?: string, section?: string, page?: number | null}} item
 * @returns {string}
 */
export function locationLabel(item) {
  const parts = [];
  const section = sectionWithoutTitle(item);
  if (section) parts.push(section);
  if (typeof item.page === "number") parts.push(`s. ${item.page}`);
  return parts.join(", ");
}

/**
 * The section path without a leading copy of the document title.
 * @param {{title?: string, section?: string}} item
 * @returns {string}
 */
export function sectionWithoutTitle(item) {
  const section = item.section ?? "";
  const title = item.title ?? "";
  if (title && section.startsWith(title)) {
    const rest = section.slice(title.length).replace(/^\s*[›>/]\s*/, "");
    if (rest !== section.slice(title.length)) return rest;
  }
  return section;
}
