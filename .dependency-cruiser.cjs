/**
 * Import rules for Rutinsvar (issue 18): the layers point one way.
 *
 *   lower:     src/config  src/core  src/text  src/models  src/store
 *   pipelines: ingest/ (files → index)   src/query/ (question → answer), siblings
 *   upper:     src/admin  src/server  src/main.ts (the composition root)
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
  "^eval/",
  "^bench/",
  "^scripts/",
  "^tests/",
  "^corpus-tools/",
  "^vitest\\.config\\.ts$",
];

const LOWER = "^src/(config|core|text|models|store)/";
const UPPER = "^(src/(query|admin|server)/|ingest/|src/main\\.ts$)";

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
