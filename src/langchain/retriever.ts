/**
 * Rutinsvar's retrieval for LangChain users: `RutinsvarRetriever` is a
 * LangChain `BaseRetriever` (so it plugs into any chain, agent or RAG
 * template), and `rutinsvarSearchTool` wraps it as a tool for LangChain
 * agents (`createAgent` from the `langchain` package).
 *
 * It searches through the answer service, so it ranks exactly like the
 * chat: hybrid lexical + dense search, coverage rerank, copies collapsed,
 * the caller's access groups applied *before* ranking, and personal data
 * removed from the query first. Each Document is one passage, with the
 * citation fields (chunkId, documentId, source, title, section, page, url)
 * in its metadata.
 *
 * The answer service has no retrieval-only entry point, so the retriever
 * asks it with `includeRetrieved` and keeps the passages; with a language
 * model configured (LLM_PROVIDER) that also composes an answer it discards.
 *
 *   const retriever = new RutinsvarRetriever({ answers: () => service, k: 4 });
 *   const docs = await retriever.invoke("Hur gör jag en orosanmälan?");
 */
import type { CallbackManagerForRetrieverRun } from "@langchain/core/callbacks/manager";
import { Document } from "@langchain/core/documents";
import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import { tool } from "langchain";
import { z } from "zod";
import { accessFor, ANONYMOUS, type AccessPolicy, type StaffUser } from "../access/access-policy.js";
import { citationUrl } from "../core/citations.js";
import type { RetrievedPassage } from "../core/schemas.js";
import { screenAskRequest } from "../privacy/question-privacy.js";
import type { AnswerService } from "../query/answer.js";

export interface RutinsvarRetrieverInput extends BaseRetrieverInput {
  /** The answer service to search; a function so a re-ingested index is picked up (IndexHolder.current). */
  answers: () => AnswerService;
  /** Passages returned (1–50, default 4). */
  k?: number;
  /** ACCESS_FILE's policy; without it every collection is searched. */
  access?: AccessPolicy;
  /** Whose access groups apply (default: the anonymous user, who reads only collections open to all). */
  user?: StaffUser;
}

/** A retrieved passage's identity as Document metadata (its text is the Document's content). */
export type PassageMetadata = Pick<RetrievedPassage, "chunkId" | "documentId" | "source" | "title" | "section" | "page" | "score" | "alsoIn"> & {
  /** Link to the original file, relative to the service (PDFs with #page=N). */
  url: string;
};

export class RutinsvarRetriever extends BaseRetriever<PassageMetadata> {
  static override lc_name() {
    return "RutinsvarRetriever";
  }

  lc_namespace = ["rutinsvar", "retrievers"];

  private readonly answers: () => AnswerService;
  private readonly k: number;
  private readonly access: AccessPolicy | undefined;
  private readonly user: StaffUser;

  constructor(fields: RutinsvarRetrieverInput) {
    super(fields);
    this.answers = fields.answers;
    this.k = Math.min(50, Math.max(1, Math.trunc(fields.k ?? 4)));
    this.access = fields.access;
    this.user = fields.user ?? ANONYMOUS;
  }

  override async _getRelevantDocuments(query: string, _runManager?: CallbackManagerForRetrieverRun): Promise<Document<PassageMetadata>[]> {
    const question = query.trim().slice(0, 2000);
    if (!question) return [];
    const service = this.answers();
    const { request } = screenAskRequest({ question, options: { topK: this.k, includeRetrieved: true } }, service.index);
    const context = this.access ? { allow: accessFor(this.access, this.user, service.index).chunk } : {};
    const answer = await service.ask(request, context);
    return (answer.retrieved ?? []).slice(0, this.k).map(
      (p) =>
        new Document<PassageMetadata>({
          id: p.chunkId,
          pageContent: p.text,
          metadata: {
            chunkId: p.chunkId,
            documentId: p.documentId,
            source: p.source,
            title: p.title,
            section: p.section,
            page: p.page,
            url: citationUrl(p.documentId, p.page, service.index.getDocument(p.documentId)?.format),
            score: p.score,
            ...(p.alsoIn && p.alsoIn.length > 0 ? { alsoIn: p.alsoIn } : {}),
          },
        }),
    );
  }
}

/** Passages as a tool result: numbered, each with where it comes from, for the model to cite as [n]. */
export function formatPassages(docs: Document<PassageMetadata>[]): string {
  if (docs.length === 0) return "Inga avsnitt i rutinerna matchar.";
  return docs
    .map((d, i) => {
      const m = d.metadata;
      const where = [m.title, m.section, m.page !== null ? `s. ${m.page}` : null].filter(Boolean).join(", ");
      return `[${i + 1}] ${where} (${m.source})\n${d.pageContent}`;
    })
    .join("\n\n");
}

/**
 * A LangChain tool ("sok_i_rutiner") over the retriever, for agents built
 * with `createAgent` from the `langchain` package: the agent decides when to
 * search the municipality's routines and gets numbered passages to cite.
 */
export function rutinsvarSearchTool(retriever: RutinsvarRetriever) {
  return tool(async ({ query }: { query: string }) => formatPassages(await retriever.invoke(query)), {
    name: "sok_i_rutiner",
    description: "Söker i socialtjänstens egna rutiner och riktlinjer. Returnerar numrerade avsnitt med dokument, avsnitt och sida att hänvisa till.",
    schema: z.object({ query: z.string().min(1).max(2000).describe("Frågan eller sökorden, på svenska.") }),
  });
}
