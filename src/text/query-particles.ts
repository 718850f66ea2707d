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
import { loadWordData, wordsOf } from "./word-data.js";

// The particles, their joined forms and the subject pronouns, each group or
// entry with the reason it is there, are data: src/text/data/particle-verbs.yaml.
const lists = loadWordData("particleVerbs");
const JOINED_FORMS: ReadonlyMap<string, string> = new Map(lists.joinedForms.map((e) => [e.particle, e.joined]));
/**
 * Verb particles that Swedish joins to the front of the verb in nouns and
 * participles, each with the form it takes there: "lämna ut" / "utlämnande",
 * "följa upp" / "uppföljning", "skriva in" / "inskrivning", "ta emot" / "mottagande".
 */
const PARTICLES: ReadonlyMap<string, string> = new Map(wordsOf(lists.particles).map((p) => [p, JOINED_FORMS.get(p) ?? p]));
/** Subjects that stand between an inverted verb and its particle: "tar vi emot", "lämnar man ut". */
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(wordsOf(lists.subjectPronouns));

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
