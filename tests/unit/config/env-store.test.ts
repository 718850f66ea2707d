import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/env.js";
import { configIssues } from "../../helpers/config-issues.js";

describe("STORE, DATABASE_URL and VECTOR_SEARCH", () => {
  it("defaults to the file store with the in-memory replica", () => {
    expect(loadConfig({}).store).toEqual({ kind: "files", databaseUrl: undefined, vectorSearch: "replica", lexicalSearch: "replica" });
  });

  it("reads the postgres store", () => {
    const config = loadConfig({ STORE: "postgres", DATABASE_URL: " postgres://u@db:5432/r ", VECTOR_SEARCH: "pgvector" });
    expect(config.store).toEqual({ kind: "postgres", databaseUrl: "postgres://u@db:5432/r", vectorSearch: "pgvector", lexicalSearch: "replica" });
  });

  it("requires DATABASE_URL with STORE=postgres, and STORE=postgres with VECTOR_SEARCH=pgvector", () => {
    const issues = configIssues;
    expect(issues({ STORE: "postgres" })).toContain("DATABASE_URL: krävs när STORE=postgres");
    expect(issues({ VECTOR_SEARCH: "pgvector" })).toContain("VECTOR_SEARCH: pgvector kräver STORE=postgres");
    expect(issues({ STORE: "sqlite" }).join()).toContain("STORE");
  });
});
