/**
 * Personal data in free text: Swedish personnummer and samordningsnummer
 * (with the Luhn check), phone numbers, e-mail addresses and street
 * addresses. Used on what staff type (questions, feedback comments), never on
 * the routine documents themselves: a switchboard number printed in a routine
 * is not personal data, and callers can pass such known public values in
 * `ignore` so a question that quotes one is not flagged.
 *
 * The detectors lean towards precision on the things routines are full of:
 * dates (2025-01-15), paragraph references (6 § LVU), SFS numbers (2025:400),
 * amounts (12 500 kr) and plan words (vårdplan 2) must not be flagged.
 */

export type PersonalDataKind = "personnummer" | "samordningsnummer" | "telefonnummer" | "e-post" | "adress";

export interface PersonalDataSpan {
  kind: PersonalDataKind;
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  text: string;
}

export interface FindOptions {
  /**
   * Values that are public (found in the routines themselves), compared as
   * `normalizeContact(value)`: phone numbers by their digits, e-mail addresses
   * lower-cased. Matching spans are not reported.
   */
  ignore?: ReadonlySet<string>;
  /**
   * false: an identity number with a valid date but a wrong check digit counts
   * too (a typo, or a made-up number typed as an example). Used on questions,
   * where such digits must not reach retrieval, the log or a model either.
   */
  checksum?: boolean;
}

/** What each kind is replaced with by `maskPersonalData`. */
export const MASKS: Record<PersonalDataKind, string> = {
  personnummer: "[personnummer]",
  samordningsnummer: "[samordningsnummer]",
  telefonnummer: "[telefonnummer]",
  "e-post": "[e-postadress]",
  adress: "[adress]",
};

/** The warning shown in the chat when a question contains personal data. */
export const PII_WARNING = "Skriv inte personuppgifter i frågan.";

// YYMMDD or YYYYMMDD, optional separator (- or + for people over 100, or a space), four digits.
// Not preceded or followed by digits, ":" (SFS 2025:400) or "/" "." (dates, decimals).
const ID_NUMBER_RE = /(?<![\d:/.,-])((?:18|19|20)?\d{6})([-+ ]?)(\d{4})(?![\d:]|[.,]\d)/g;

// National (0…) or international (+46 / 0046, optional "(0)") prefix, then groups of digits separated by space or hyphen.
const PHONE_RE = /(?<![\w+:/.,-])(?:(?:\+|00)46[ \u00a0-]?(?:\(0\)[ \u00a0-]?)?|\(?0)\d{1,3}\)?(?:[ \u00a0-]?\d{2,4}){1,4}(?![\d:]|[.,]\d)/g;

const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

const STREET_SUFFIXES = ["gatan", "gata", "vägen", "väg", "gränd", "gränden", "stigen", "torget", "torg", "backen", "allén", "allé", "plan", "leden", "kajen", "plats", "platsen"];
// Street name (a word ending in a suffix, or "Gamla/Lilla/Stora X" two words), house number with optional letter,
// optional "lgh 1102", optional postnummer "123 45" and town.
const STREET_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:(?:Gamla|Lilla|Stora|Norra|Södra|Östra|Västra|gamla|lilla|stora|norra|södra|östra|västra)\s+)?[\p{L}][\p{L}-]{1,40}?(?:${STREET_SUFFIXES.join("|")}))\s+(\d{1,4}(?:\s?[A-Za-z](?![\p{L}]))?)` +
    String.raw`(?:,?\s*lgh\.?\s*\d{4})?(?:,?\s*\d{3}\s?\d{2}(?:\s+[\p{Lu}][\p{L}-]+(?:\s+[\p{Lu}][\p{L}-]+)?)?)?(?![\p{N}§])`,
  "gu",
);

// Words ending in a street suffix that are not streets; routines mention plans by number ("vårdplan 2").
const NOT_STREETS = /(?:vård|handlings|genomförande|behandlings|arbets|verksamhets|insats|säkerhets|åtgärds|utrednings|individuell|samordnings|kris|beredskaps|utbildnings|budget|integrations|jämställdhets|tids|plan|stads|detalj|över|etage|botten|vånings|sjukvårds|under|ovan|mellan)plan$|^(?:plan|plats|platsen|torg|torget|väg|vägen|gata|gatan|leden|kajen|backen|allé|allén|gränd|gränden|stigen)$|(?:arbets|mötes|parkerings|besöks|sitt|p|förvarings|upplags|uppställnings|skol|fri|start|tjänste|bo|samlings|hållplats|marknads)plats(?:en)?$|(?:livs|till|ut|in|genom|om|fram|bak|av|vid|mellan|under|över|väg)vägen$|(?:livs|ut|in|genom|om|mellan|under|över|tjänste)väg$/i;

/** Digits of a phone number, or a lower-cased e-mail address: how public values are compared. */
function normalizeContact(value: string): string {
  if (value.includes("@")) return value.trim().toLowerCase();
  let digits = value.replace(/\D/g, "");
  if (value.trim().startsWith("+46")) digits = `0${digits.slice(2)}`;
  else if (digits.startsWith("0046")) digits = `0${digits.slice(4)}`;
  return digits.replace(/^00+/, "0");
}

/** Luhn checksum over a string of digits (the 10-digit form of a personnummer). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(i) - 48;
    if ((digits.length - i) % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** "personnummer", "samordningsnummer" or null for a date+number string that is neither. */
function idNumberKind(date: string, serial: string, checksum = true): "personnummer" | "samordningsnummer" | null {
  const short = date.length === 8 ? date.slice(2) : date;
  const month = Number(short.slice(2, 4));
  const day = Number(short.slice(4, 6));
  if (month < 1 || month > 12) return null;
  let kind: "personnummer" | "samordningsnummer";
  if (day >= 1 && day <= 31) kind = "personnummer";
  else if (day >= 61 && day <= 91) kind = "samordningsnummer";
  else return null;
  return !checksum || luhnValid(short + serial) ? kind : null;
}

function phoneDigitsPlausible(match: string): boolean {
  const n = normalizeContact(match);
  // Swedish national numbers are 8-10 digits with the leading 0 (08-123 456 … 070-123 45 67).
  return n.startsWith("0") && !n.startsWith("00") && n.length >= 8 && n.length <= 10;
}

function collect(text: string, options: FindOptions): PersonalDataSpan[] {
  const spans: PersonalDataSpan[] = [];
  const ignored = (value: string) => options.ignore?.has(normalizeContact(value)) ?? false;

  for (const m of text.matchAll(ID_NUMBER_RE)) {
    const [whole, date, separator, serial] = m as unknown as [string, string, string, string];
    // Without the check digit only the written form ("450312-1234", twelve digits) is taken, not any ten digits.
    const loose = options.checksum === false && (separator === "-" || separator === "+" || date.length === 8);
    const kind = idNumberKind(date, serial, !loose);
    if (!kind) continue;
    if (date.length === 8 && !/^(18|19|20)/.test(date)) continue;
    spans.push({ kind, start: m.index, end: m.index + whole.length, text: whole });
  }
  for (const m of text.matchAll(PHONE_RE)) {
    const whole = m[0].replace(/[ \u00a0-]+$/, "");
    if (!phoneDigitsPlausible(whole) || ignored(whole)) continue;
    spans.push({ kind: "telefonnummer", start: m.index, end: m.index + whole.length, text: whole });
  }
  for (const m of text.matchAll(EMAIL_RE)) {
    if (ignored(m[0])) continue;
    spans.push({ kind: "e-post", start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(STREET_RE)) {
    const name = m[1]!;
    const lastWord = name.split(/\s+/).pop()!;
    if (NOT_STREETS.test(lastWord)) continue;
    spans.push({ kind: "adress", start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return spans;
}

/**
 * Every span of personal data in `text`, in order, without overlaps: where
 * two detectors claim the same characters the longer span wins, and an
 * identity number wins over a phone number of the same length.
 */
export function findPersonalData(text: string, options: FindOptions = {}): PersonalDataSpan[] {
  const priority: Record<PersonalDataKind, number> = { personnummer: 0, samordningsnummer: 0, adress: 1, "e-post": 2, telefonnummer: 3 };
  const candidates = collect(text, options).sort(
    (a, b) => b.end - b.start - (a.end - a.start) || priority[a.kind] - priority[b.kind] || a.start - b.start,
  );
  const chosen: PersonalDataSpan[] = [];
  for (const span of candidates) {
    if (chosen.some((c) => span.start < c.end && c.start < span.end)) continue;
    chosen.push(span);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** True when `text` contains personal data. */
export function containsPersonalData(text: string, options: FindOptions = {}): boolean {
  return findPersonalData(text, options).length > 0;
}

/**
 * `text` with each span of personal data replaced by its mask
 * ("[personnummer]", "[telefonnummer]", …). Idempotent: masking masked text
 * changes nothing. Use it on everything that is logged, stored or sent to an
 * external model.
 */
export function maskPersonalData(text: string, options: FindOptions = {}): string {
  const spans = findPersonalData(text, options);
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + MASKS[s.kind];
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * Phone numbers and e-mail addresses printed in the routines (switchboard,
 * on-call service, functional mailboxes): public, so a question quoting one
 * is not personal data. Pass the result as `ignore`.
 */
export function publicContacts(texts: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const text of texts) {
    for (const s of collect(text, {})) {
      if (s.kind === "telefonnummer" || s.kind === "e-post") found.add(normalizeContact(s.text));
    }
  }
  return found;
}

/**
 * `text` with personal data removed rather than labelled, for retrieval and
 * language models: a label such as "[adress]" would add a concept the
 * routines do not answer and push the question towards abstention. Falls
 * back to the masked text when nothing else would remain.
 */
export function redactPersonalData(text: string, options: FindOptions = {}): string {
  const spans = findPersonalData(text, options);
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += `${text.slice(at, s.start)} `;
    at = s.end;
  }
  out += text.slice(at);
  const tidy = out
    .replace(/\(\s*\)/g, " ")
    .replace(/[ \t]+([,.;:?!)])/g, "$1")
    .replace(/([,;:])(?=[\s,;:.?!]*[,;:.?!])\s*/g, "")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
  return /[\p{L}\p{N}]/u.test(tidy) ? tidy : maskPersonalData(text, options);
}
