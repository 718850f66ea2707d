/**
 * The admin page: documents, uploads, re-ingest jobs with live progress,
 * overdue routines, answer feedback and the audit log. No framework; all
 * text goes through textContent because file names, titles and feedback are
 * untrusted input.
 */

const TOKEN_KEY = "rutinsvar-admin-token";
const POLL_MS = 700;

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * Creates an element; `text` becomes textContent, other props attributes.
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {...(Node | string | null | undefined | false)} children
 */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = String(value);
    else if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/** An error with the server's Swedish message. */
class ApiError extends Error {
  /** @param {string} message @param {number} status @param {any} body */
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY) ?? "";
}

/**
 * Calls the admin API with the token. 401 signs out.
 * @param {string} path relative to api/admin/
 * @param {RequestInit} [init]
 */
async function api(path, init = {}) {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${token()}`);
  if (!headers.has("Accept")) headers.set("Accept", "application/json");
  let response;
  try {
    response = await fetch(`api/admin/${path}`, { ...init, headers });
  } catch {
    throw new ApiError("Kunde inte nå tjänsten. Kontrollera anslutningen och försök igen.", 0, null);
  }
  if (response.ok) return response;
  const body = await response.json().catch(() => null);
  const message = body?.error?.message ?? `Tjänsten svarade med HTTP ${response.status}.`;
  if (response.status === 401) signOut(message);
  throw new ApiError(message, response.status, body);
}

/**
 * Sends a request that starts a job; when the server answers 409
 * confirm_removal (the job would remove more than the allowed share of the
 * documents), asks the administrator with the counts and sends it again with
 * `?confirm=true`. Resolves with null when the administrator declines.
 * @param {string} path relative to api/admin/
 * @param {() => RequestInit} init a fresh body for each attempt
 */
async function apiConfirmingRemoval(path, init) {
  try {
    return await api(path, init());
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 409 || err.body?.error?.code !== "confirm_removal") throw err;
    const b = err.body;
    const sources = Array.isArray(b.sources) && b.sources.length > 0 ? `\n\nBland annat: ${b.sources.slice(0, 8).join(", ")}${b.removed > 8 ? " …" : ""}` : "";
    const ok = window.confirm(
      `Det här tar bort ${b.removed} av ${b.before} dokument ur indexet, så att ${b.after} återstår.${sources}\n\n` +
        `Kontrollera först att korpusmappen är rätt. Vill du ändå fortsätta och ta bort ${b.removed} dokument?`,
    );
    if (!ok) {
      announce("Avbrutet. Indexet är oförändrat.");
      return null;
    }
    return api(`${path}${path.includes("?") ? "&" : "?"}confirm=true`, init());
  }
}

/** @param {string} path */
async function getJson(path) {
  return (await api(path)).json();
}

/** @param {string} message */
function announce(message) {
  $("live").textContent = message;
}

/** @param {string | null} message */
function showAlert(message) {
  const box = $("alert");
  box.textContent = message ?? "";
  box.hidden = !message;
  if (message) box.scrollIntoView({ block: "nearest" });
}

/** @param {unknown} err */
function reportError(err) {
  showAlert(err instanceof Error ? err.message : String(err));
}

/** @param {string | null | undefined} iso */
function formatTime(iso) {
  if (!iso) return "–";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString("sv-SE", { dateStyle: "short", timeStyle: "short" });
}

/**
 * Replaces a table's contents.
 * @param {HTMLElement} table
 * @param {string} caption
 * @param {string[]} headers
 * @param {Array<Array<Node | string>>} rows
 * @param {string} empty text when there are no rows
 */
function fillTable(table, caption, headers, rows, empty) {
  table.replaceChildren(
    el("caption", { class: "visually-hidden", text: caption }),
    el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { scope: "col", text: h })))),
    el(
      "tbody",
      {},
      ...(rows.length > 0
        ? rows.map((cells) => el("tr", {}, ...cells.map((c) => el("td", {}, c))))
        : [el("tr", {}, el("td", { colspan: String(headers.length), class: "muted", text: empty }))]),
    ),
  );
}

// --- sign-in -----------------------------------------------------------

/** @param {string} [message] */
function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  $("admin-content").hidden = true;
  $("sign-out").hidden = true;
  $("sign-in").hidden = false;
  if (message) showAlert(message);
  /** @type {HTMLInputElement} */ ($("token")).focus();
}

async function signIn() {
  $("sign-in").hidden = true;
  $("admin-content").hidden = false;
  $("sign-out").hidden = false;
  showAlert(null);
  await refreshAll();
}

// --- documents ---------------------------------------------------------

/** @type {Map<string, any>} */
const documentsById = new Map();
/** @type {{ version: string, builtAt: string, documents: number } | null} */
let previousVersion = null;
/** The server refuses every document change (CORPUS_DIR is not the index's folder); the reason. */
/** @type {string | null} */
let corpusMismatch = null;

async function loadDocuments() {
  const data = await getJson("documents");
  documentsById.clear();
  for (const d of data.documents) documentsById.set(d.id, d);
  const previous = data.index.previous;
  $("index-info").textContent =
    `Indexet har ${data.index.documents} dokument och ${data.index.chunks} avsnitt (byggt ${formatTime(data.index.builtAt)}).` +
    (previous ? ` Föregående version: ${previous.documents} dokument (byggd ${formatTime(previous.builtAt)}).` : "");
  previousVersion = previous;
  const restore = /** @type {HTMLButtonElement} */ ($("restore-previous"));
  restore.hidden = !previous;
  restore.textContent = previous ? `Återställ föregående indexversion (${previous.documents} dokument)` : "Återställ föregående indexversion";
  const warning = $("corpus-warning");
  corpusMismatch = data.corpus?.mismatch ?? null;
  warning.textContent = corpusMismatch ?? "";
  warning.hidden = !corpusMismatch;
  setJobButtons(followed !== null);
  $("file-hint").textContent = `Högst ${(data.maxUploadBytes / 1024 / 1024).toFixed(0)} MB per uppladdning.`;
  renderDocuments(data.documents);
  renderOverdue(data.documents.filter((/** @type {any} */ d) => d.overdue));
  if (data.activeJob) followJob(data.activeJob.id);
}

/** @param {any[]} docs */
function renderDocuments(docs) {
  const rows = docs.map((d) => {
    const title = el("div", {}, el("strong", { text: d.title }), el("div", { class: "muted small", text: d.source }));
    if (!d.indexed) title.append(el("div", { class: "badge badge-warning", text: d.error ? "Kunde inte läsas in" : "Inte inläst än" }));
    if (d.indexed && !d.inCorpus) title.append(el("div", { class: "badge", text: "Borttagen – väntar på inläsning" }));
    const review = el("span", { text: d.reviewBy ?? "–" });
    if (d.overdue) review.append(el("span", { class: "badge badge-warning", text: "Försenad" }));
    const warnings = el("ul", { class: "warning-list" });
    for (const w of d.warnings) warnings.append(el("li", { text: w }));
    if (d.error) warnings.append(el("li", { class: "error-text", text: d.error }));
    const actions = el(
      "div",
      { class: "row-actions" },
      d.inCorpus ? el("button", { type: "button", class: "button button-secondary button-small", text: "Ändra", "aria-label": `Ändra metadata för ${d.title}`, onclick: () => openEditor(d.id) }) : null,
      d.inCorpus ? el("button", { type: "button", class: "button button-danger button-small", text: "Ta bort", "aria-label": `Ta bort ${d.title}`, onclick: () => removeDocument(d.id) }) : null,
    );
    return [
      title,
      d.format ?? "–",
      d.pages === null ? "–" : String(d.pages),
      String(d.chunks),
      d.owner ?? "–",
      d.version ?? "–",
      review,
      d.collection ?? "–",
      formatTime(d.ingestedAt),
      warnings,
      actions,
    ];
  });
  fillTable(
    $("documents-table"),
    "Dokument i korpusen",
    ["Dokument", "Format", "Sidor", "Avsnitt", "Ägare", "Version", "Revideras", "Samling", "Senast inläst", "Varningar", "Åtgärder"],
    rows,
    "Inga dokument.",
  );
}

/** @param {any[]} overdue */
function renderOverdue(overdue) {
  const list = $("overdue-list");
  list.replaceChildren();
  if (overdue.length === 0) {
    list.append(el("li", { class: "muted", text: "Inga rutiner har passerat sitt revideringsdatum." }));
    return;
  }
  for (const d of overdue) {
    list.append(el("li", {}, el("strong", { text: d.title }), ` – skulle ha reviderats ${d.reviewBy}`, d.owner ? ` (ägare: ${d.owner})` : ""));
  }
}

/** @param {string} id */
async function removeDocument(id) {
  const doc = documentsById.get(id);
  if (!doc) return;
  if (!window.confirm(`Ta bort ”${doc.title}” (${doc.source})? Dokumentet används inte längre i svaren när inläsningen är klar.`)) return;
  try {
    const res = await apiConfirmingRemoval(`documents/${encodeURIComponent(id)}`, () => ({ method: "DELETE" }));
    if (!res) return;
    const body = await res.json();
    announce(`${doc.source} tas bort. Inläsning pågår.`);
    followJob(body.jobId);
  } catch (err) {
    reportError(err);
  }
}

let editingId = "";

/** @param {string} id */
function openEditor(id) {
  const doc = documentsById.get(id);
  if (!doc) return;
  editingId = id;
  $("edit-source").textContent = doc.source;
  const form = /** @type {HTMLFormElement} */ ($("edit-form"));
  for (const [name, value] of Object.entries({ title: doc.title, owner: doc.owner, version: doc.version, reviewBy: doc.reviewBy, collection: doc.collection })) {
    /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value = value ?? "";
  }
  /** @type {HTMLDialogElement} */ ($("edit-dialog")).showModal();
}

/** @param {SubmitEvent} event */
async function saveMetadata(event) {
  const dialog = /** @type {HTMLDialogElement} */ ($("edit-dialog"));
  const submitter = /** @type {HTMLButtonElement | null} */ (event.submitter);
  if (submitter?.value !== "save") return;
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ ($("edit-form"));
  /** @type {Record<string, string | null>} */
  const changes = {};
  for (const name of ["title", "owner", "version", "reviewBy", "collection"]) {
    const value = /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value.trim();
    changes[name] = value === "" ? null : value;
  }
  try {
    const res = await apiConfirmingRemoval(`documents/${encodeURIComponent(editingId)}`, () => ({
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(changes),
    }));
    dialog.close();
    if (!res) return;
    announce("Metadata sparad. Inläsning pågår.");
    followJob((await res.json()).jobId);
  } catch (err) {
    dialog.close();
    reportError(err);
  }
}

// --- upload ------------------------------------------------------------

/** @param {SubmitEvent} event */
async function upload(event) {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.target);
  const input = /** @type {HTMLInputElement} */ ($("file"));
  if (!input.files || input.files.length === 0) {
    showAlert("Välj minst en fil att ladda upp.");
    input.focus();
    return;
  }
  const data = new FormData();
  for (const file of input.files) data.append("file", file, file.name);
  for (const name of ["title", "owner", "version", "reviewBy", "collection", "folder"]) {
    const value = /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value.trim();
    if (value) data.append(name, value);
  }
  const button = /** @type {HTMLButtonElement} */ (form.querySelector("button[type=submit]"));
  button.disabled = true;
  showAlert(null);
  try {
    const res = await apiConfirmingRemoval("documents", () => ({ method: "POST", body: data }));
    if (!res) return;
    const body = await res.json();
    const names = body.files.map((/** @type {any} */ f) => `${f.source}${f.replaced ? " (ersätter befintligt)" : ""}`).join(", ");
    const dups = body.duplicates.map((/** @type {any} */ d) => `${d.file} är identisk med ${d.duplicateOf}`).join("; ");
    announce(`Uppladdat: ${names}.${dups ? ` Hoppades över: ${dups}.` : ""} Inläsning pågår.`);
    if (dups) showAlert(`Hoppades över: ${dups}.`);
    form.reset();
    followJob(body.jobId);
  } catch (err) {
    reportError(err);
  } finally {
    button.disabled = false;
  }
}

// --- jobs --------------------------------------------------------------

const STATUS_TEXT = { queued: "I kö", running: "Pågår", succeeded: "Klart", failed: "Misslyckades" };
const RESULT_TEXT = { ingested: "Inläst", unchanged: "Oförändrad", failed: "Misslyckades" };

/** @type {string | null} */
let followed = null;

/** @param {string} jobId */
function followJob(jobId) {
  if (followed === jobId) return;
  followed = jobId;
  setJobButtons(true);
  void poll(jobId);
}

/** @param {boolean} busy */
function setJobButtons(busy) {
  // With a corpus mismatch every change is refused; restoring the previous version is still allowed.
  for (const id of ["reindex", "reindex-full"]) /** @type {HTMLButtonElement} */ ($(id)).disabled = busy || corpusMismatch !== null;
  /** @type {HTMLButtonElement} */ ($("restore-previous")).disabled = busy;
}

/** "5 → 1 dokument" for a job that recorded its counts. @param {any} job */
function documentCounts(job) {
  const d = job.documents;
  if (!d) return "";
  return d.after === null || d.after === undefined ? `${d.before} dokument före` : `${d.before} → ${d.after} dokument`;
}

/** @param {string} jobId */
async function poll(jobId) {
  const box = $("job-progress");
  box.hidden = false;
  $("job-result").replaceChildren();
  try {
    for (;;) {
      const job = await getJson(`jobs/${encodeURIComponent(jobId)}`);
      const bar = /** @type {HTMLProgressElement} */ ($("job-progress-bar"));
      bar.max = Math.max(1, job.progress.total);
      bar.value = job.progress.done;
      $("job-progress-label").textContent =
        `${job.description}: ${STATUS_TEXT[/** @type {keyof typeof STATUS_TEXT} */ (job.status)]}` +
        (job.progress.total > 0 ? ` – ${job.progress.done} av ${job.progress.total} filer` : "") +
        (job.progress.current ? ` (${job.progress.current})` : "");
      if (job.status === "succeeded" || job.status === "failed") {
        box.hidden = true;
        renderJobResult(job);
        announce(job.status === "succeeded" ? "Inläsningen är klar. Svaren använder nu de nya dokumenten." : `Inläsningen misslyckades: ${job.error ?? ""}`);
        break;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } catch (err) {
    reportError(err);
  } finally {
    followed = null;
    setJobButtons(false);
    await refreshAll().catch(reportError);
  }
}

/** @param {any} job */
function renderJobResult(job) {
  const failed = job.results.filter((/** @type {any} */ r) => r.status === "failed");
  const ingested = job.results.filter((/** @type {any} */ r) => r.status === "ingested");
  const box = el(
    "div",
    { class: `callout ${job.status === "succeeded" && failed.length === 0 ? "callout-hint" : "callout-warning"}` },
    el(
      "p",
      { class: "callout-title" },
      job.status === "succeeded"
        ? job.kind === "restore"
          ? `Klart: föregående indexversion återställd.`
          : `Klart: ${ingested.length} fil(er) inlästa, ${job.results.length - ingested.length - failed.length} oförändrade, ${failed.length} misslyckades.`
        : `Jobbet misslyckades: ${job.error ?? "okänt fel"} Det tidigare indexet används fortfarande.`,
    ),
  );
  if (job.documents) {
    const d = job.documents;
    const fewer = d.after !== null && d.after < d.before;
    box.append(el("p", { class: fewer ? "error-text" : "", text: `Dokument i indexet: ${d.before} före → ${d.after ?? "?"} efter${fewer ? ` (${d.before - d.after} färre)` : ""}.` }));
  }
  const interesting = job.results.filter((/** @type {any} */ r) => r.status !== "unchanged" || r.error);
  if (interesting.length > 0) {
    const list = el("ul", { class: "warning-list" });
    for (const r of interesting) {
      const item = el("li", {}, el("strong", { text: r.source }), ` – ${RESULT_TEXT[/** @type {keyof typeof RESULT_TEXT} */ (r.status)]}, ${r.chunks} avsnitt`);
      if (r.error) item.append(el("div", { class: "error-text", text: r.error }));
      for (const w of r.warnings) item.append(el("div", { class: "muted small", text: w }));
      list.append(item);
    }
    box.append(list);
  }
  $("job-result").replaceChildren(box);
}

async function loadJobs() {
  const { jobs } = await getJson("jobs?limit=20");
  fillTable(
    $("jobs-table"),
    "Tidigare inläsningsjobb",
    ["Startat", "Vad", "Status", "Dokument före → efter", "Resultat"],
    jobs.map((/** @type {any} */ j) => [
      formatTime(j.createdAt),
      j.description,
      el("span", { class: `status status-${j.status}`, text: STATUS_TEXT[/** @type {keyof typeof STATUS_TEXT} */ (j.status)] }),
      documentCounts(j) || "–",
      j.error ?? (j.summary ? `${j.summary.documents} dokument, ${j.summary.chunks} avsnitt${j.summary.failed ? `, ${j.summary.failed} misslyckades` : ""}` : "–"),
    ]),
    "Inga jobb ännu.",
  );
}

/** @param {boolean} full */
async function reindex(full) {
  try {
    const res = await apiConfirmingRemoval("reindex", () => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ full }) }));
    if (!res) return;
    followJob((await res.json()).jobId);
  } catch (err) {
    if (err instanceof ApiError && err.status === 409 && err.body?.jobId) followJob(err.body.jobId);
    reportError(err);
  }
}

async function restorePrevious() {
  const previous = previousVersion;
  if (!previous) return;
  if (
    !window.confirm(
      `Återställa föregående indexversion (${previous.documents} dokument, byggd ${formatTime(previous.builtAt)})? ` +
        "Svaren använder då den versionen direkt. Den nuvarande versionen sparas och kan återställas på samma sätt.",
    )
  ) return;
  const button = /** @type {HTMLButtonElement} */ ($("restore-previous"));
  button.disabled = true;
  showAlert(null);
  try {
    const res = await api("index/restore-previous", { method: "POST" });
    const body = await res.json();
    renderJobResult(body.job);
    announce(`Föregående indexversion återställd: ${body.before.documents} → ${body.after.documents} dokument.`);
  } catch (err) {
    reportError(err);
  } finally {
    button.disabled = false;
    await refreshAll().catch(reportError);
  }
}

// --- feedback and audit ------------------------------------------------

async function loadFeedback() {
  const { entries, counts } = await getJson("feedback");
  $("feedback-counts").textContent = `${counts.down} svar markerade som inte till hjälp, ${counts.up} som till hjälp.`;
  const list = $("feedback-list");
  list.replaceChildren();
  const shown = entries.filter((/** @type {any} */ e) => e.rating === "down" || e.comment).slice(0, 100);
  if (shown.length === 0) list.append(el("li", { class: "muted", text: "Inga svar att granska." }));
  for (const e of shown) {
    list.append(
      el(
        "li",
        { class: `feedback-item feedback-${e.rating}` },
        el("p", { class: "muted small", text: `${formatTime(e.createdAt)} · ${e.rating === "down" ? "Inte till hjälp" : "Till hjälp"}` }),
        el("p", {}, el("strong", { text: "Fråga: " }), e.question),
        el("details", {}, el("summary", { text: "Svaret" }), el("p", { class: "pre-wrap", text: e.answer })),
        e.comment ? el("p", {}, el("strong", { text: "Kommentar: " }), e.comment) : null,
        e.citations.length > 0 ? el("p", { class: "muted small", text: `Källor: ${e.citations.map((/** @type {any} */ c) => c.source).join(", ")}` }) : null,
      ),
    );
  }
}

async function exportCsv() {
  try {
    const res = await api("feedback.csv", { headers: { Accept: "text/csv" } });
    const blob = await res.blob();
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: `rutinsvar-aterkoppling-${new Date().toISOString().slice(0, 10)}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (err) {
    reportError(err);
  }
}

async function loadAudit() {
  const { entries } = await getJson("audit?limit=100");
  fillTable(
    $("audit-table"),
    "Händelselogg för administratörsåtgärder",
    ["Tid", "Vem", "Vad", "Gäller", "Resultat"],
    entries.map((/** @type {any} */ e) => [formatTime(e.at), e.actor, e.action, e.target ?? "–", e.result]),
    "Inga händelser ännu.",
  );
}

/** Reloads every section; the first failure is reported. */
async function refreshAll() {
  const results = await Promise.allSettled([loadDocuments(), loadJobs(), loadFeedback(), loadAudit()]);
  const failed = results.find((r) => r.status === "rejected");
  if (failed && failed.status === "rejected") throw failed.reason;
}

// --- wiring ------------------------------------------------------------

$("sign-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = /** @type {HTMLInputElement} */ ($("token"));
  const value = input.value.trim();
  if (!value) {
    showAlert("Ange administratörsnyckeln.");
    input.focus();
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, value);
  input.value = "";
  signIn().catch(reportError);
});
$("sign-out").addEventListener("click", () => signOut());
$("upload-form").addEventListener("submit", (e) => void upload(/** @type {SubmitEvent} */ (e)));
$("edit-form").addEventListener("submit", (e) => void saveMetadata(/** @type {SubmitEvent} */ (e)));
$("reindex").addEventListener("click", () => void reindex(false));
$("reindex-full").addEventListener("click", () => void reindex(true));
$("restore-previous").addEventListener("click", () => void restorePrevious());
$("feedback-csv").addEventListener("click", () => void exportCsv());

if (token()) signIn().catch(reportError);
else $("sign-in").hidden = false;
