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

export const calibrationSchema = z.object({
  /** Logistic weights per signal (booleans count as 0/1) and the intercept. */
  weights: z.object(Object.fromEntries(SIGNAL_NAMES.map((n) => [n, z.number()])) as Record<(typeof SIGNAL_NAMES)[number], z.ZodNumber>),
  bias: z.number(),
  /** Below this probability: abstain. */
  abstainBelow: z.number().min(0).max(1),
  /** Below this probability (and at or above `abstainBelow`): answer with the uncertainty notice. */
  uncertainBelow: z.number().min(0).max(1),
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

/** The signals as the model's input vector, in SIGNAL_NAMES order. */
export function signalVector(s: EvidenceSignals): number[] {
  return SIGNAL_NAMES.map((n) => Number(s[n]));
}

/** Estimated probability that the question is answerable from the evidence found. */
export function answerableProbability(signals: EvidenceSignals, calibration: Calibration): number {
  const x = signalVector(signals);
  const z = SIGNAL_NAMES.reduce((sum, n, i) => sum + calibration.weights[n] * x[i]!, calibration.bias);
  return 1 / (1 + Math.exp(-z));
}

/** Answer, answer with the notice, or abstain. No evidence at all always abstains. */
export function decide(signals: EvidenceSignals | null, calibration: Calibration): { decision: Decision; probability: number } {
  if (!signals) return { decision: "abstain", probability: 0 };
  const probability = answerableProbability(signals, calibration);
  const decision = probability < calibration.abstainBelow ? "abstain" : probability < calibration.uncertainBelow ? "uncertain" : "answer";
  return { decision, probability };
}
