/**
 * GET /api/admin/audit.csv: the audit trail for the data-protection officer
 * in one CSV: questions (masked, with user and cited documents) and
 * administrator actions, newest first. Needs the admin token.
 */
import { Hono } from "hono";
import type { AuditEntry } from "../../store/audit-log.js";
import { csvCell } from "../../store/feedback.js";
import type { QuestionLogEntry } from "../../store/question-log.js";
import { requireAdmin } from "../admin-auth.js";
import type { AppDeps } from "../types.js";
import { errorBody } from "../on-error.js";

const HEADER = ["tid", "typ", "användare", "fråga eller åtgärd", "dokument eller mål", "resultat", "personuppgifter i frågan", "svarstid ms"];

/** The audit CSV (RFC 4180, CRLF, UTF-8 with BOM for Excel). */
function auditCsv(questions: QuestionLogEntry[], actions: AuditEntry[]): string {
  const rows: { at: string; cells: (string | number)[] }[] = [
    ...questions.map((q) => ({
      at: q.at,
      cells: [
        q.at,
        "fråga",
        q.userId,
        q.question,
        q.documents.map((d) => `${d.title} (${d.source})`).join("; "),
        q.abstained ? "inget svar i rutinerna" : "besvarad",
        q.hadPersonalData ? "ja (maskerade)" : "nej",
        Math.round(q.durationMs),
      ],
    })),
    ...actions.map((a) => ({ at: a.at, cells: [a.at, "administration", a.actor, a.action, a.target ?? "", a.result, "", ""] })),
  ].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
  const lines = [HEADER.map(csvCell).join(","), ...rows.map((r) => r.cells.map(csvCell).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export function adminAuditRoutes(deps: Pick<AppDeps, "config" | "stores" | "questions">) {
  // The token check sits on the route: a "*" middleware here would also run in front of the other admin routes.
  return new Hono().get("/audit.csv", requireAdmin(deps.config.adminToken), async (c) => {
    c.header("Cache-Control", "no-store");
    if (!deps.stores || !deps.questions) {
      return c.json(errorBody(c, "admin_unavailable", "Granskningsloggen är inte tillgänglig: tjänsten startades utan databas."), 503);
    }
    const since = c.req.query("from");
    const questions = await deps.questions.list(since ? { since } : {});
    const actions = (await deps.stores.audit.list({ limit: 100_000 })).filter((a) => !since || a.at >= since);
    return c.body(auditCsv(questions, actions), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="rutinsvar-granskningslogg-${new Date().toISOString().slice(0, 10)}.csv"`,
    });
  });
}
