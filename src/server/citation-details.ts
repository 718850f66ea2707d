/**
 * Citations and retrieved passages in the HTTP API name the unit they come
 * from and how current their document is (issue 15 and 19): titles such as
 * "Fallrutin" exist in many units, and staff need to see whose routine is
 * cited, who owns it, when it was updated, until when it holds and where the
 * published original is.
 */
import { collectionOf } from "../access/access-policy.js";
import type { LoadedIndex } from "../core/index-store.js";
import type { Answer, CopyRef, DocumentDetails } from "../core/schemas.js";

/** The unit and control metadata of one document; empty for an unknown id. */
export function documentDetails(index: LoadedIndex, documentId: string): DocumentDetails {
  const doc = index.getDocument(documentId);
  if (!doc) return {};
  const m = doc.metadata;
  return {
    collection: collectionOf(doc),
    ...(m.owner ? { owner: m.owner } : {}),
    ...(m.updatedOn ? { updatedOn: m.updatedOn } : {}),
    ...(m.validUntil ? { validUntil: m.validUntil } : {}),
    ...(m.reviewBy ? { reviewBy: m.reviewBy } : {}),
    ...(m.sourceUrl && isWebUrl(m.sourceUrl) ? { sourceUrl: m.sourceUrl } : {}),
  };
}

/** Only http(s) links reach the chat: a `javascript:` URL in front matter must never become a link. */
function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

function withUnits(index: LoadedIndex, copies: CopyRef[] | undefined): { alsoIn?: CopyRef[] } {
  if (!copies) return {};
  return {
    alsoIn: copies.map((c) => {
      const collection = documentDetails(index, c.documentId).collection;
      return collection ? { ...c, collection } : c;
    }),
  };
}

/** The answer with every citation and retrieved passage carrying its document's details. */
export function withDocumentDetails(index: LoadedIndex, answer: Answer): Answer {
  return {
    ...answer,
    citations: answer.citations.map((c) => ({ ...c, ...documentDetails(index, c.documentId), ...withUnits(index, c.alsoIn) })),
    ...(answer.retrieved
      ? { retrieved: answer.retrieved.map((r) => ({ ...r, ...documentDetails(index, r.documentId), ...withUnits(index, r.alsoIn) })) }
      : {}),
  };
}
