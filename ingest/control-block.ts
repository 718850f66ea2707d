/**
 * A routine's control block ("Dokumentet är beslutat av: …", "Dokumentet
 * beslutades den: …", "Dokumentansvarig är: …", "Dokumentet gäller
 * tillsvidare") says who owns the document and how current it is. It is
 * metadata, not content: left in the text it became a chunk of its own in
 * every routine (1,193 of Botkyrka's 11,546 chunks), all alike, and those
 * chunks crowded the steps out of the results. Here the block's blocks are
 * taken out of the text and their values become document metadata.
 *
 * Labels are the common Swedish ones and their usual variants (beslutad /
 * fastställd / upprättad av, den; uppdaterad; gäller från / till / tills vidare;
 * revideras senast; dokumentansvarig / dokumentägare). A block counts as control
 * only when it starts with such a label (after an optional organisation line
 * such as "Vård- och omsorgsförvaltningen"), so a sentence in the body that
 * mentions "dokumentansvarig" stays where it is.
 */
import type { Block, DocumentMetadata } from "../src/core/schemas.js";

/** Metadata fields a control block fills. */
export type ControlField = "adoptedBy" | "adoptedOn" | "updatedOn" | "owner" | "validFrom" | "validUntil" | "reviewBy" | "replaces";

/** Label patterns per field, tried in this order at each label position. Case-insensitive. */
const LABELS: readonly { field: ControlField; re: string }[] = [
  { field: "adoptedBy", re: String.raw`(?:dokumentet\s+)?(?:är\s+)?(?:beslutat|beslutad|fastställd|fastställt|upprättat|upprättad)\s+av` },
  { field: "adoptedOn", re: String.raw`(?:dokumentet\s+)?(?:beslutades|fastställdes|upprättades)(?:\s+den)?|(?:beslutad|fastställd|fastställt|beslutat)\s+den|beslutsdatum` },
  { field: "updatedOn", re: String.raw`(?:dokumentet\s+)?(?:är\s+)?(?:senast\s+)?(?:uppdaterat|uppdaterad|uppdaterades|uppdaterdes|reviderad|reviderat)(?:\s+den)?` },
  { field: "owner", re: String.raw`dokumentansvarig(?:\s+är)?|dokumentägare|ansvarig\s+för\s+dokumentet` },
  { field: "validFrom", re: String.raw`(?:dokumentet\s+)?gäller\s+från(?:\s+och\s+med)?(?:\s+den)?|giltig\s+från` },
  { field: "validUntil", re: String.raw`(?:dokumentet\s+)?gäller(?:\s+till(?:\s+och\s+med)?(?:\s+den)?)?|giltig\s+till` },
  { field: "reviewBy", re: String.raw`(?:dokumentet\s+)?revideras(?:\s+senast)?(?:\s+den)?|granskas\s+senast|nästa\s+revidering` },
  { field: "replaces", re: String.raw`(?:dokumentet\s+)?ersätter` },
];

const LABEL_RE = new RegExp(`(?:^|\\s)(${LABELS.map((l) => `(?:${l.re})`).join("|")})\\s*:`, "giu");
/** "Dokumentet gäller tillsvidare (max till 2028-01-26)" has no colon. */
const STANDING_RE = /^dokumentet\s+gäller\s+(tills?\s*vidare)\b(?:\s*\(([^)]*)\))?/iu;
/** An organisation line heading the block ("Vård- och omsorgsförvaltningen", "Socialförvaltningen"). */
const ORGANISATION_RE = /^(?:[\p{L}-]+\s+(?:och\s+)?){0,4}[\p{L}-]*förvaltning(?:en)?\b\s*/iu;
/** Only this far into a document is a control block looked for: it heads the routine. */
const MAX_CONTROL_POSITION = 12;

export interface ControlBlock {
  /** The document's blocks without the control block's. */
  blocks: Block[];
  /** Values read, by field (trimmed, brackets around dates removed). */
  fields: Partial<Record<ControlField, string>>;
}

function fieldOf(label: string): ControlField {
  const lower = label.toLowerCase().replace(/\s+/g, " ");
  for (const l of LABELS) if (new RegExp(`^(?:${l.re})$`, "iu").test(lower)) return l.field;
  return "replaces";
}

function cleanValue(value: string): string {
  return value.replace(/\s+/g, " ").trim().replace(/^\[(.*)\]$/u, "$1").trim();
}

/** Reads one block as control-block text; null when it is not one. */
export function readControlText(text: string): Partial<Record<ControlField, string>> | null {
  let rest = text.replace(/\s+/g, " ").trim();
  const org = ORGANISATION_RE.exec(rest);
  if (org && org[0].length < rest.length) rest = rest.slice(org[0].length);
  else if (org) return {}; // the organisation line alone
  const fields: Partial<Record<ControlField, string>> = {};
  const standing = STANDING_RE.exec(rest);
  if (standing) {
    fields.validUntil = standing[2] ? `${standing[1]!.toLowerCase()} (${standing[2].trim()})` : standing[1]!.toLowerCase();
    rest = rest.slice(standing[0].length).trim();
    if (rest === "") return fields;
  }
  const labels = [...rest.matchAll(LABEL_RE)];
  // The block must open with a label: body text that mentions one is not metadata.
  if (labels.length === 0 || rest.slice(0, labels[0]!.index).trim() !== "") return null;
  labels.forEach((m, i) => {
    const start = m.index! + m[0].length;
    const end = i + 1 < labels.length ? labels[i + 1]!.index! : rest.length;
    const field = fieldOf(m[1]!);
    let value = cleanValue(rest.slice(start, end));
    const nested = STANDING_RE.exec(value);
    if (field === "validUntil" && value === "") return;
    if (nested) value = value.slice(0, nested.index).trim();
    if (value !== "" && fields[field] === undefined) fields[field] = value;
  });
  return fields;
}

/**
 * Takes the control block out of a document's first blocks. Blocks are
 * removed only from the run of control blocks near the top, so a later
 * paragraph quoting "Dokumentansvarig:" is kept.
 */
export function extractControlBlock(blocks: Block[]): ControlBlock {
  // Each block near the top (and the one after, for the look-ahead) is read once; null: not control text, {}: an organisation line alone.
  const reads = blocks.map((block, i) => (i <= MAX_CONTROL_POSITION ? readControlText(block.text) : null));
  const hasFields = (r: Partial<Record<ControlField, string>> | null | undefined) => r != null && Object.keys(r).length > 0;
  const fields: Partial<Record<ControlField, string>> = {};
  const kept: Block[] = [];
  let found = false;
  blocks.forEach((block, i) => {
    const read = i < MAX_CONTROL_POSITION ? reads[i] : null;
    // A lone organisation line counts only when it heads a control block.
    if (read && (hasFields(read) || hasFields(reads[i + 1]))) {
      found = found || hasFields(read);
      for (const [k, v] of Object.entries(read) as [ControlField, string][]) if (fields[k] === undefined) fields[k] = v;
      return;
    }
    kept.push(block);
  });
  return found ? { blocks: kept, fields } : { blocks, fields: {} };
}

/** The control block's values as document metadata (owner, adopted by/on, updated, valid, review-by). */
export function controlMetadata(fields: Partial<Record<ControlField, string>>): Partial<DocumentMetadata> {
  const out: Partial<DocumentMetadata> = {};
  if (fields.owner) out.owner = fields.owner;
  if (fields.adoptedBy) out.adoptedBy = fields.adoptedBy;
  if (fields.adoptedOn) out.adoptedOn = fields.adoptedOn;
  if (fields.updatedOn) out.updatedOn = fields.updatedOn;
  if (fields.validFrom) out.validFrom = fields.validFrom;
  if (fields.validUntil) out.validUntil = fields.validUntil;
  // "Revideras senast 2026-05-01" is the review-by date the stale-routine notice already uses; only a date counts.
  const reviewDate = /\d{4}-\d{2}-\d{2}/.exec(fields.reviewBy ?? fields.validUntil ?? "")?.[0];
  if (reviewDate) out.reviewBy = reviewDate;
  return out;
}
