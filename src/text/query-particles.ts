/**
 * Particle verbs: "lämna ut" in the question, "utlämnande" in the routine.
 * The joined form becomes an alternative of the verb, and the particle itself
 * ("tillbaka" in "rapporteras tillbaka") is part of the verb, not a topic of
 * its own, so it keeps only a share of its weight.
 */
import type { Alternatives } from "./query-alternatives.js";
import { PARTICLE_SELF_WEIGHT, PARTICLE_WEIGHT } from "./query-weights.js";
import { termFor, type TextContext } from "./text-context.js";
import { isContentToken } from "./terms.js";

/**
 * Verb particles that Swedish joins to the front of the verb in nouns and
 * participles: "lämna ut" / "utlämnande", "följa upp" / "uppföljning",
 * "skriva in" / "inskrivning", "ta emot" / "mottagande".
 */
const PARTICLES: ReadonlyMap<string, string> = new Map([
  ["ut", "ut"], ["upp", "upp"], ["in", "in"], ["av", "av"], ["över", "över"], ["fram", "fram"], ["bort", "bort"],
  ["ner", "ned"], ["ned", "ned"], ["emot", "mot"], ["tillbaka", "åter"], ["om", "om"], ["till", "till"], ["på", "på"],
]);
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(["jag", "du", "vi", "ni", "man", "de", "dom", "han", "hon", "hen", "den", "det"]);

/**
 * `words` is the whole question tokenized, `alts` one entry per content word.
 * Sets the particle's share in `shares` (by content-word position).
 */
export function addParticleVerbs(words: string[], alts: Alternatives[], shares: Map<number, number>, ctx: TextContext): void {
  const contentIndexOf = new Map<number, number>();
  words.forEach((word, j) => {
    if (isContentToken(word)) contentIndexOf.set(j, contentIndexOf.size);
  });
  words.forEach((word, j) => {
    const contentIndex = contentIndexOf.get(j);
    if (contentIndex === undefined || !/^\p{L}{3,}$/u.test(word)) return;
    // Questions invert subject and verb: "tar vi emot", "lämnar man ut".
    const at = SUBJECT_PRONOUNS.has(words[j + 1] ?? "") ? j + 2 : j + 1;
    const particle = PARTICLES.get(words[at] ?? "");
    if (!particle) return;
    alts[contentIndex]!.add(termFor(`${particle}${word}`, ctx.features), PARTICLE_WEIGHT, "particle");
    const particleIndex = contentIndexOf.get(at);
    if (particleIndex !== undefined) shares.set(particleIndex, PARTICLE_SELF_WEIGHT);
  });
}
