/**
 * Screens what staff type before it goes anywhere: personal data in the
 * question and history is found and removed before the answer pipeline (and
 * any external embedding or language model behind it) sees it, and masked
 * ("[personnummer]") in what is logged and stored. Contact details printed in
 * the routines themselves are public and left alone.
 */
import type { LoadedIndex } from "../core/index-store.js";
import type { AskRequest } from "../core/schemas.js";
import { findPersonalData, maskPersonalData, publicContacts, redactPersonalData } from "./pii.js";

const contactsByIndex = new WeakMap<LoadedIndex, ReadonlySet<string>>();

/** Phone numbers and e-mail addresses found in an index's documents (computed once per index version). */
function publicContactsOf(index: LoadedIndex): ReadonlySet<string> {
  let set = contactsByIndex.get(index);
  if (!set) {
    set = publicContacts(index.chunks.map((c) => c.text));
    contactsByIndex.set(index, set);
  }
  return set;
}

export interface ScreenedRequest {
  /** The request with personal data removed from the question and every history turn: what the pipeline gets. */
  request: AskRequest;
  /** The question with personal data masked: what is logged. */
  maskedQuestion: string;
  /** True when the question itself contained personal data (the user is warned). */
  hadPersonalData: boolean;
}

/** Removes personal data from an ask request and masks it for the log. */
export function screenAskRequest(request: AskRequest, index: LoadedIndex): ScreenedRequest {
  // Identity numbers count with a wrong check digit too: their digits would otherwise steer retrieval (door codes, case numbers).
  const options = { ignore: publicContactsOf(index), checksum: false };
  const hadPersonalData = findPersonalData(request.question, options).length > 0;
  const history = request.history?.map((t) => ({ ...t, content: redactPersonalData(t.content, options) }));
  return {
    request: { ...request, question: redactPersonalData(request.question, options), ...(history ? { history } : {}) },
    maskedQuestion: maskPersonalData(request.question, options),
    hadPersonalData,
  };
}

/** Masks personal data in free text typed by staff (feedback comments, questions), keeping the routines' own contacts. */
export function maskTyped(text: string, index: LoadedIndex): string {
  return maskPersonalData(text, { ignore: publicContactsOf(index), checksum: false });
}
