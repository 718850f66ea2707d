/**
 * Swedish function words that carry no retrieval signal. Question words are
 * stopwords for retrieval, but the composer wants to know the question type,
 * so they are also exported on their own.
 */

/** Interrogatives; they say what kind of answer is wanted (how, who, when …). */
export const QUESTION_WORDS: ReadonlySet<string> = new Set([
  "hur",
  "hurdan",
  "hurdant",
  "hurdana",
  "vad",
  "vem",
  "vems",
  "vilken",
  "vilket",
  "vilka",
  "när",
  "var",
  "vart",
  "varifrån",
  "varför",
  "varav",
  "huruvida",
]);

const FUNCTION_WORDS = [
  // conjunctions, subjunctions
  "och", "att", "som", "men", "eller", "samt", "utan", "om", "än", "så", "då", "fast", "för", "medan",
  "eftersom", "därför", "innan", "sedan", "tills", "ifall", "både", "varken", "antingen", "respektive",
  // prepositions
  "i", "på", "av", "till", "från", "med", "mot", "hos", "vid", "under", "över", "efter", "inom", "utom",
  "genom", "mellan", "bland", "enligt", "kring", "per", "via", "inför", "trots", "åt", "ur", "utifrån",
  "angående", "gällande", "beträffande",
  // articles, pronouns, determiners
  "en", "ett", "den", "det", "de", "dem", "denna", "detta", "dessa", "deras", "dess", "sin", "sitt", "sina",
  "jag", "mig", "mej", "min", "mitt", "mina", "du", "dig", "dej", "din", "ditt", "dina", "han", "honom",
  "hans", "hon", "henne", "hennes", "vi", "oss", "vår", "vårt", "våra", "ni", "er", "ert", "era", "man",
  "någon", "något", "några", "ingen", "inget", "inga", "annan", "annat", "andra", "själv", "själva",
  "sig", "varje", "alla", "allt", "all", "sådan", "sådant", "sådana", "samma", "vissa", "viss", "visst",
  "vardera", "varandra", "vilkas",
  // auxiliaries and copulas
  "är", "var", "varit", "vara", "blir", "bli", "blev", "blivit", "har", "hade", "haft", "ha", "kan",
  "kunde", "kunna", "kunnat", "ska", "skall", "skulle", "vill", "ville", "velat", "måste", "får", "fick",
  "fått", "bör", "borde", "lär", "brukar", "gör", "göra", "gjorde", "gjort", "finns", "finnas", "fanns",
  "funnits", "gäller", "gälla", "gällde", "gällt",
  // adverbs and particles
  "inte", "ej", "icke", "också", "även", "bara", "endast", "redan", "just", "nu", "här", "där", "dit",
  "hit", "då", "sen", "mycket", "mer", "mest", "mindre", "minst", "många", "mån", "lite", "ganska",
  "väl", "ju", "nog", "dock", "alltså", "ändå", "sedan", "också", "ofta", "alltid", "aldrig", "igen",
  "ut", "upp", "in", "ner", "ned", "fram", "bort", "tex", "ex", "bl", "dvs", "osv", "etc", "mm",
  "ca", "resp", "jfr", "pga", "ev", "el",
  // everyday question filler
  "ja", "nej", "tack", "hej", "snälla",
];

/** All stopwords (function words and question words), lower-case NFC. */
export const STOPWORDS: ReadonlySet<string> = new Set([...FUNCTION_WORDS, ...QUESTION_WORDS]);

/** True when `token` (lower-cased) is a stopword. */
export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}
