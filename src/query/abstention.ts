/**
 * Whether to answer, answer with a visible uncertainty notice, or say the
 * routines do not answer. Staff told "Det framgår inte" when the routine
 * exists stop using the tool, so refusing is kept for questions where nothing
 * relevant was found; weak but present evidence is answered with the notice
 * "Osäkert underlag", and the reader checks the cited passage.
 *
 * The signals are combined by a logistic model into the probability that the
 * question is answerable from what was found. Its weights and the two
 * thresholds are data (src/config/calibration.json), fitted by
 * `npm run eval:calibrate` on the pooled diagnose sets with cross-validation,
 * not chosen by hand; the file names the sets and the measured rates.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

/** What retrieval and evidence selection found, as numbers the model weighs. */
export interface EvidenceSignals {
  /** Concept coverage of the question by the best of the top three passages (0..1). */
  coverage: number;
  /** Coverage of the question by the chosen evidence sentences alone (0..1). */
  evidenceCoverage: number;
  /** A noun of a short question that the corpus never uses ("färdtjänst"). */
  unseenNoun: boolean;
  /** The thing asked about ("Vilken leverantör …") is a corpus word the evidence never mentions. */
  focusMissing: boolean;
  /** A number, date or frequency is asked for and the leading evidence holds none. */
  answerTypeMissing: boolean;
}

export const SIGNAL_NAMES = ["coverage", "evidenceCoverage", "unseenNoun", "focusMissing", "answerTypeMissing"] as const satisfies readonly (keyof EvidenceSignals)[];
export type SignalName = (typeof SIGNAL_NAMES)[number];
/**
 * The signals that may refuse: how much of the question was found at all, and
 * whether the thing a short question names occurs anywhere in the documents
 * ("färdtjänst" in a library that never mentions it: nothing relevant exists).
 * The checks for a missing focus or fact only ever add the notice: the topic
 * was found, a detail was not, and on the blind judging sets such vetoes had
 * refused answerable questions (8.6 % in one set while the diagnose sets,
 * where they were written, showed 1–3 %).
 */
export const REFUSAL_SIGNALS = ["coverage", "evidenceCoverage", "unseenNoun"] as const satisfies readonly SignalName[];

const probability = z.number().min(0).max(1);
/** A logistic model: weights per signal (booleans count as 0/1; a missing signal weighs 0) and the intercept. */
const modelSchema = z.object({ weights: z.partialRecord(z.enum(SIGNAL_NAMES), z.number()), bias: z.number() });
type LogisticModel = z.infer<typeof modelSchema>;

export const calibrationSchema = z.object({
  /** Probability from REFUSAL_SIGNALS only; below `below`: abstain (nothing relevant was found). */
  refusal: modelSchema.extend({ below: probability }),
  /** Probability from every signal (the answer's `confidence`); below `below`: answer with the uncertainty notice. */
  notice: modelSchema.extend({ below: probability }),
  /** Where the numbers come from: sets, date, cross-validated rates. */
  source: z.string(),
});
export type Calibration = z.infer<typeof calibrationSchema>;

export type Decision = "answer" | "uncertain" | "abstain";

export const UNCERTAIN_NOTICE =
  "Osäkert underlag: de rutiner jag hittade svarar kanske inte exakt på frågan. Läs det citerade stycket innan du går vidare.";

let loaded: Calibration | undefined;

/** The shipped calibration (src/config/calibration.json), validated once. */
export function defaultCalibration(): Calibration {
  if (!loaded) {
    const raw: unknown = JSON.parse(readFileSync(new URL("../config/calibration.json", import.meta.url), "utf8"));
    loaded = calibrationSchema.parse(raw);
  }
  return loaded;
}

/** The signals as a vector in `names` order (booleans as 0/1). */
export function signalVector(s: EvidenceSignals, names: readonly SignalName[] = SIGNAL_NAMES): number[] {
  return names.map((n) => Number(s[n]));
}

/** The model's probability for the signals. */
function modelProbability(signals: EvidenceSignals, model: LogisticModel): number {
  const z = SIGNAL_NAMES.reduce((sum, n) => sum + (model.weights[n] ?? 0) * Number(signals[n]), model.bias);
  return 1 / (1 + Math.exp(-z));
}

/** Estimated probability that the question is answerable from the evidence found (every signal). */
export function answerableProbability(signals: EvidenceSignals, calibration: Calibration): number {
  return modelProbability(signals, calibration.notice);
}

/**
 * Answer, answer with the notice, or abstain. Refusal looks only at how much
 * was found (REFUSAL_SIGNALS); the other checks can only add the notice. No
 * evidence at all always abstains. `probability` is the full model's.
 */
export function decide(signals: EvidenceSignals | null, calibration: Calibration): { decision: Decision; probability: number } {
  if (!signals) return { decision: "abstain", probability: 0 };
  const probability = answerableProbability(signals, calibration);
  if (modelProbability(signals, calibration.refusal) < calibration.refusal.below) return { decision: "abstain", probability };
  return { decision: probability < calibration.notice.below ? "uncertain" : "answer", probability };
}
