/**
 * Generates a benchmark corpus: N Swedish routine documents in the structure
 * of corpus/ (one folder per collection; Markdown with front matter, and
 * multi-page PDFs with running header and footer plus a `.meta.yml` sidecar).
 * Deterministic from a seed. Documents combine topics, aspects, actors,
 * deadlines and filler sentences from bench/vocabulary.ts so they differ in
 * wording and vocabulary, as real routines do.
 *
 * Run alone: `npx tsx bench/generate-corpus.ts <dir> [docs] [seed]`.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stringify as stringifyYaml } from "yaml";
import { renderPdf } from "../corpus-tools/render-pdf.js";
import type { SourceBlock, SourceDocument } from "../corpus-tools/source-format.js";
import {
  ACTORS,
  ASPECTS,
  DEADLINES,
  DOCUMENTS,
  DUTIES,
  PARTNERS,
  PLACES,
  QUESTION_TEMPLATES,
  SENTENCES,
  SYSTEMS,
  TARGET_GROUPS,
  TOPICS,
  UNANSWERABLE,
  UNITS,
  WEEKDAYS,
  type Topic,
} from "./vocabulary.js";

/** A seeded pseudo-random source (mulberry32): same seed, same corpus. */
export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  /** `n` distinct items in random order. */
  sample<T>(list: readonly T[], n: number): T[];
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const sample = <T>(list: readonly T[], n: number): T[] => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, Math.min(n, copy.length));
  };
  return { next, int, pick, sample };
}

/** ASCII file-name slug: "Våld i nära relationer" → "vald-i-nara-relationer". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .replace(/é/g, "e")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Fills `{slot}` placeholders; every call draws fresh values, so repeated templates still differ. */
function filler(rng: Rng, topic: Topic, context: { unit: string; group: string; aspect: string }): (template: string) => string {
  return (template) =>
    template.replace(/\{(\w+)\}/g, (_, key: string) => {
      switch (key) {
        case "topic":
          return topic.name;
        case "law":
          return topic.law;
        case "term":
          return rng.pick(topic.terms);
        case "unit":
          return context.unit;
        case "group":
          return context.group;
        case "aspect":
          return context.aspect;
        case "actor":
        case "actor2":
          return rng.pick(ACTORS);
        case "actorC":
          return capitalize(rng.pick(ACTORS));
        case "system":
          return rng.pick(SYSTEMS);
        case "deadline":
          return rng.pick(DEADLINES);
        case "doc":
          return `${rng.pick(DOCUMENTS)} SN ${rng.int(100, 999)}`;
        case "partner":
          return rng.pick(PARTNERS);
        case "place":
          return rng.pick(PLACES);
        case "phone":
          return `0123-45 ${rng.int(60, 69)} ${String(rng.int(0, 99)).padStart(2, "0")}`;
        case "weekday":
          return rng.pick(WEEKDAYS);
        case "time":
          return `${rng.pick(["08.30", "09.00", "10.00", "13.00"])}–${rng.pick(["11.30", "12.00", "15.00", "16.00"])}`;
        case "mail":
          return `${slug(context.unit)}@exempelby.se`;
        default:
          return key;
      }
    });
}

function paragraph(rng: Rng, fill: (t: string) => string, templates: readonly string[], sentences: number): SourceBlock {
  return { kind: "paragraph", text: rng.sample(templates, sentences).map(fill).join(" ") };
}

function date(rng: Rng, year: number): string {
  return `${year}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
}

export interface GeneratedDocument extends SourceDocument {
  topic: Topic;
}

/**
 * One routine document. `long` documents get more procedure sections
 * (the PDFs, so they span several pages).
 */
export function generateDocument(rng: Rng, n: number, format: "pdf" | "md", long: boolean): GeneratedDocument {
  const topic = rng.pick(TOPICS);
  const aspect = rng.pick(ASPECTS);
  const group = rng.pick(TARGET_GROUPS);
  const unit = rng.pick(UNITS);
  const fill = filler(rng, topic, { unit, group, aspect });
  const title = rng.pick([
    `Rutin för ${aspect} av ${topic.name}`,
    `${capitalize(topic.name)} – ${aspect} för ${group}`,
    `Riktlinje: ${topic.name} inom ${unit}`,
    `Arbetsgång vid ${topic.name} (${aspect})`,
  ]);
  const blocks: SourceBlock[] = [
    { kind: "heading", level: 1, text: title },
    paragraph(rng, fill, SENTENCES.purpose, 2),
    { kind: "heading", level: 2, text: "1. Syfte och omfattning" },
    paragraph(rng, fill, SENTENCES.purpose, 3),
    { kind: "heading", level: 2, text: "2. Ansvar" },
    paragraph(rng, fill, SENTENCES.responsibility, 3),
    { kind: "bullets", items: rng.sample(ACTORS, 3).map((a) => `${capitalize(a)}: ${fill(rng.pick(DUTIES))}`) },
    { kind: "heading", level: 2, text: "3. Tillvägagångssätt" },
  ];
  const procedures = long ? rng.int(4, 7) : rng.int(1, 3);
  rng.sample(ASPECTS, procedures).forEach((a, i) => {
    blocks.push({ kind: "heading", level: 3, text: `3.${i + 1} ${capitalize(a)} av ${rng.pick(topic.terms)}` });
    if (rng.next() < 0.6) blocks.push(paragraph(rng, fill, SENTENCES.purpose, 1));
    blocks.push({ kind: "ordered", items: rng.sample(SENTENCES.step, rng.int(4, 8)).map(fill) });
  });
  blocks.push({ kind: "heading", level: 2, text: "4. Tidsfrister" });
  blocks.push({
    kind: "table",
    header: ["Moment", "Tidsfrist", "Ansvarig"],
    rows: rng.sample(topic.terms, rng.int(3, 5)).map((t) => [capitalize(t), rng.pick(DEADLINES), capitalize(rng.pick(ACTORS))]),
  });
  blocks.push({ kind: "heading", level: 2, text: "5. Dokumentation" });
  blocks.push(paragraph(rng, fill, SENTENCES.documentation, rng.int(2, 4)));
  blocks.push({ kind: "heading", level: 2, text: "6. Uppföljning" });
  blocks.push(paragraph(rng, fill, SENTENCES.followup, rng.int(2, 4)));
  if (long) {
    blocks.push({ kind: "heading", level: 2, text: "7. Samverkan" });
    blocks.push({ kind: "paragraph", text: `${capitalize(topic.name)} kräver ofta samverkan med ${rng.sample(PARTNERS, 3).join(", ")}. ${fill(rng.pick(SENTENCES.step))}` });
    blocks.push({ kind: "bullets", items: rng.sample(PARTNERS, 4).map((p) => `${p}: ${fill(rng.pick(SENTENCES.step))}`) });
  }
  blocks.push({ kind: "heading", level: 2, text: `${long ? 8 : 7}. Kontakt` });
  blocks.push(paragraph(rng, fill, SENTENCES.contact, 2));

  const version = date(rng, 2025);
  const file = `${slug(title).slice(0, 60)}-${String(n).padStart(5, "0")}`;
  return {
    topic,
    meta: {
      title,
      owner: unit,
      version,
      reviewBy: date(rng, rng.pick([2025, 2026, 2027])),
      collection: topic.collection,
      output: `${topic.collection}/${file}.${format}`,
      format: "pdf",
      routineName: capitalize(topic.name),
      versionLabel: `${rng.int(1, 4)}.${rng.int(0, 9)}`,
    },
    blocks,
  };
}

/** Markdown with front matter, the way routines are written in corpus/. */
export function renderMarkdown(doc: SourceDocument): string {
  const { title, owner, version, reviewBy, collection } = doc.meta;
  const out = [`---\n${stringifyYaml({ title, owner, version, reviewBy, collection }).trim()}\n---\n`];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case "heading":
        out.push(`${"#".repeat(b.level)} ${b.text}\n`);
        break;
      case "paragraph":
        out.push(`${b.text}\n`);
        break;
      case "ordered":
        out.push(`${b.items.map((t, i) => `${i + 1}. ${t}`).join("\n")}\n`);
        break;
      case "bullets":
        out.push(`${b.items.map((t) => `- ${t}`).join("\n")}\n`);
        break;
      case "table":
        out.push(
          [`| ${b.header.join(" | ")} |`, `|${b.header.map(() => "---").join("|")}|`, ...b.rows.map((r) => `| ${r.join(" | ")} |`)].join("\n") + "\n",
        );
        break;
    }
  }
  return out.join("\n");
}

export interface CorpusOptions {
  dir: string;
  docs: number;
  seed?: number;
  /** Share of documents rendered as PDF (0..1); the rest are Markdown. */
  pdfShare?: number;
}

export interface GeneratedCorpus {
  dir: string;
  documents: number;
  pdfs: number;
  pdfPages: number;
  markdown: number;
  /** Paths (relative to dir) of the PDFs, for the extraction baseline. */
  pdfFiles: string[];
  seconds: number;
}

/** Writes a fresh corpus into `dir` (removed first). */
export async function generateCorpus(options: CorpusOptions): Promise<GeneratedCorpus> {
  const started = performance.now();
  const rng = createRng(options.seed ?? 1);
  const pdfShare = options.pdfShare ?? 0.5;
  await rm(options.dir, { recursive: true, force: true });
  await mkdir(options.dir, { recursive: true });
  const result: GeneratedCorpus = { dir: options.dir, documents: 0, pdfs: 0, pdfPages: 0, markdown: 0, pdfFiles: [], seconds: 0 };
  for (let n = 0; n < options.docs; n++) {
    const isPdf = rng.next() < pdfShare;
    const doc = generateDocument(rng, n, isPdf ? "pdf" : "md", isPdf);
    const target = path.join(options.dir, doc.meta.output);
    await mkdir(path.dirname(target), { recursive: true });
    if (isPdf) {
      const { bytes, pages } = await renderPdf(doc);
      await writeFile(target, bytes);
      const { title, owner, version, reviewBy, collection } = doc.meta;
      await writeFile(`${target}.meta.yml`, stringifyYaml({ title, owner, version, reviewBy, collection }));
      result.pdfs++;
      result.pdfPages += pages;
      result.pdfFiles.push(doc.meta.output);
    } else {
      await writeFile(target, renderMarkdown(doc));
      result.markdown++;
    }
    result.documents++;
  }
  await writeFile(path.join(options.dir, "ordlista.yml"), '- term: MBU\n  expansions: ["Mottagningen barn och unga"]\n- term: KUE\n  expansions: ["Kvalitets- och utvecklingsenheten"]\n');
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/**
 * `count` realistic questions, deterministic from `seed`: most are about the
 * corpus topics, about one in twelve is not answered by any routine.
 */
export function generateQuestions(count: number, seed = 7): string[] {
  const rng = createRng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 12 === 11) {
      out.push(rng.pick(UNANSWERABLE));
      continue;
    }
    const topic = rng.pick(TOPICS);
    const fill = filler(rng, topic, { unit: rng.pick(UNITS), group: rng.pick(TARGET_GROUPS), aspect: rng.pick(ASPECTS) });
    out.push(fill(rng.pick(QUESTION_TEMPLATES)));
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = "bench/results/corpus", docs = "50", seed = "1"] = process.argv.slice(2);
  generateCorpus({ dir, docs: Number(docs), seed: Number(seed) })
    .then((c) => console.log(`${c.documents} dokument (${c.pdfs} PDF med ${c.pdfPages} sidor, ${c.markdown} Markdown) i ${c.dir} på ${c.seconds.toFixed(1)} s`))
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
