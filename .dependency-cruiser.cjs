/**
 * Import rules for Rutinsvar (issue 18): the layers point one way.
 *
 *   lower:     src/config  src/core  src/text  src/models  src/store
 *              src/access  src/privacy  src/observability (logging)
 *   pipelines: ingest/ (files → index)   src/query/ (question → answer), siblings
 *   lifecycle: src/lifecycle (opening an index as an answer service, swapping
 *              versions, freshness): builds on src/query
 *   upper:     src/admin  src/langchain  src/server  src/cli  src/main.ts (the composition root)
 *
 * Only src/main.ts hands the ingest functions to the admin side. Type-only
 * imports count (tsPreCompilationDeps), since a leaf that imports a type from
 * the file that assembles it is still a cycle for a reader.
 *
 * Run: npm run lint:deps (part of npm test). Picture: see DESIGN.md.
 */

/** Where a reader starts: files that may have no importer. */
const ENTRY_POINTS = [
  "^src/main\\.ts$",
  "^src/cli/",
  "^ingest/main\\.ts$",
  // Started as a worker thread by ingest/run-in-worker.ts (new Worker(URL)), which no import shows.
  "^ingest/worker-entry\\.mjs$",
  "^eval/",
  "^bench/",
  "^scripts/",
  "^tests/",
  "^corpus-tools/",
  "^vitest\\.config\\.ts$",
];

const LOWER = "^src/(config|core|text|models|store|access|privacy|observability)/";
const UPPER = "^(src/(query|lifecycle|admin|langchain|server|cli)/|ingest/|src/(main|startup-checks)\\.ts$)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycles, type-only ones included: move the shared type into a leaf file (types.ts).",
      from: {},
      to: { circular: true },
    },
    {
      name: "admin-server-not-to-ingest",
      severity: "error",
      comment:
        "src/admin and src/server never import ingest/: src/main.ts (the composition root) hands them the ingest functions.",
      from: { path: "^src/(admin|server)/" },
      to: { path: "^ingest/" },
    },
    {
      name: "admin-not-to-server",
      severity: "error",
      comment:
        "src/server builds on src/admin, not the other way round: the admin side takes what it needs from the server (a reload function, say) as a parameter.",
      from: { path: "^src/admin/" },
      to: { path: "^src/server/" },
    },
    {
      name: "ingest-not-to-query-or-upper",
      severity: "error",
      comment:
        "ingest/ is a pipeline beside src/query, below src/admin and src/server: what both pipelines need lives in a lower layer (src/text, src/core, src/store).",
      from: { path: "^ingest/" },
      to: { path: "^src/(query|server|admin)/" },
    },
    {
      name: "query-not-to-ingest-or-upper",
      severity: "error",
      comment: "src/query is a pipeline beside ingest/, below src/admin and src/server.",
      from: { path: "^src/query/" },
      to: { path: "^(ingest/|src/(server|admin)/)" },
    },
    {
      name: "pipelines-not-to-lifecycle",
      severity: "error",
      comment:
        "The pipelines know nothing of how an index is opened, served and swapped: src/lifecycle builds on src/query, not the other way round.",
      from: { path: "^(ingest/|src/query/)" },
      to: { path: "^src/(lifecycle|langchain|cli)/" },
    },
    {
      name: "lifecycle-not-to-upper",
      severity: "error",
      comment:
        "src/lifecycle (open, hold and swap the answer service) sits below src/admin and src/server, and never reads ingest/: a re-index reaches it as a published version.",
      from: { path: "^src/lifecycle/" },
      to: { path: "^(ingest/|src/(admin|server|langchain|cli)/|src/(main|startup-checks)\\.ts$)" },
    },
    {
      name: "langchain-beside-server",
      severity: "error",
      comment:
        "The LangChain adapters sit beside the HTTP server, not on it: what both need (the anonymous user, access, privacy screening) lives in src/access and src/privacy.",
      from: { path: "^src/langchain/" },
      to: { path: "^(ingest/|src/(admin|server|cli)/|src/main\\.ts$)" },
    },
    {
      name: "lower-not-to-upper",
      severity: "error",
      comment:
        "Lower layers (config, core, text, models, store) never import the pipelines, the admin side, the server or the composition root.",
      from: { path: LOWER },
      to: { path: UPPER },
    },
    {
      name: "no-orphans",
      severity: "error",
      comment: "A module nothing imports and that imports nothing: use it or delete it.",
      from: {
        orphan: true,
        pathNot: ["(^|/)\\.[^/]+\\.(js|cjs|mjs|ts|json)$", "\\.d\\.(c|m)?ts$", ...ENTRY_POINTS],
      },
      to: {},
    },
    {
      name: "no-unreachable-source",
      severity: "error",
      comment:
        "Every file in src/ and ingest/ is reachable from an entry point (the server, the CLIs, eval, bench, scripts or a test); otherwise it is dead code.",
      from: { path: ENTRY_POINTS },
      to: { path: "^(src|ingest)/", pathNot: ["\\.d\\.(c|m)?ts$", ...ENTRY_POINTS], reachable: false },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to nothing (a typo, or a package missing from package.json).",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "not-to-dev-dep",
      severity: "error",
      comment:
        "Code that ships (src/, ingest/) uses runtime dependencies only: the Docker image drops devDependencies.",
      from: { path: "^(src|ingest)/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^node_modules/", "^data/", "^tests/fixtures/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: {
      mermaid: { minify: false },
      dot: {
        collapsePattern: "^(node_modules/[^/]+|src/[^/]+|ingest|eval|bench|tests|scripts|corpus-tools)/",
      },
    },
  },
};
