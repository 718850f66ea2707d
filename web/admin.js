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

/** The document list's search, filters, sort and page (the server pages; "/" stands for documents without a unit). */
const listState = { q: "", unit: "", status: "", sort: "source", page: 1 };
const PAGE_SIZE = 25;
let documentsRequest = 0;

const STATUS_LABEL = {
  indexed: "Inläst",
  changed: "Ändrad på disken – läses in vid nästa inläsning",
  new: "Ny på disken – inte inläst än",
  removed: "Borttagen från mappen – tas bort vid nästa inläsning",
  failed: "Kunde inte läsas in",
};
const STATUS_FILTER_LABEL = { indexed: "Inlästa", changed: "Ändrade på disken", new: "Nya på disken", removed: "Borttagna från mappen", failed: "Kunde inte läsas in" };

/** "1 143" */
const count = (/** @type {number} */ n) => n.toLocaleString("sv-SE");

async function loadDocuments() {
  const params = new URLSearchParams({ page: String(listState.page), pageSize: String(PAGE_SIZE), sort: listState.sort });
  if (listState.q) params.set("q", listState.q);
  if (listState.unit) params.set("unit", listState.unit === "/" ? "" : listState.unit);
  if (listState.status) params.set("status", listState.status);
  const request = ++documentsRequest;
  const data = await getJson(`documents?${params}`);
  // A newer search, filter or page was asked for while this one was on its way.
  if (request !== documentsRequest) return;
  listState.page = data.page;
  documentsById.clear();
  for (const d of data.documents) documentsById.set(d.id, d);
  const previous = data.index.previous;
  $("index-info").textContent =
    `Indexet har ${count(data.index.documents)} dokument och ${count(data.index.chunks)} avsnitt (byggt ${formatTime(data.index.builtAt)}).` +
    (previous ? ` Föregående version: ${count(previous.documents)} dokument (byggd ${formatTime(previous.builtAt)}).` : "");
  previousVersion = previous;
  const restore = /** @type {HTMLButtonElement} */ ($("restore-previous"));
  restore.hidden = !previous;
  restore.textContent = previous ? `Återställ föregående indexversion (${count(previous.documents)} dokument)` : "Återställ föregående indexversion";
  const warning = $("corpus-warning");
  corpusMismatch = data.corpus?.mismatch ?? null;
  warning.textContent = corpusMismatch ?? "";
  warning.hidden = !corpusMismatch;
  setJobButtons(followed !== null);
  $("file-hint").textContent = `Högst ${(data.maxUploadBytes / 1024 / 1024).toFixed(0)} MB per uppladdning.`;
  renderFilters(data);
  renderDocuments(data);
  renderOverdue(data.overdueDocuments, data.overdue.length);
  if (data.activeJob) followJob(data.activeJob.id);
}

/** Fills the unit and status choices with their counts, keeping the current choice. @param {any} data */
function renderFilters(data) {
  const unit = /** @type {HTMLSelectElement} */ ($("doc-unit"));
  unit.replaceChildren(
    el("option", { value: "", text: "Alla enheter" }),
    ...data.units.map((/** @type {any} */ u) => el("option", { value: u.unit === "" ? "/" : u.unit, text: `${u.unit || "(utan enhet)"} (${count(u.count)})` })),
  );
  unit.value = listState.unit;
  const status = /** @type {HTMLSelectElement} */ ($("doc-status"));
  status.replaceChildren(
    el("option", { value: "", text: "Alla" }),
    ...Object.entries(STATUS_FILTER_LABEL).map(([key, label]) => el("option", { value: key, text: `${label} (${count(data.statusCounts[key] ?? 0)})` })),
  );
  status.value = listState.status;
}

/** @param {any} data one page of GET documents */
function renderDocuments(data) {
  const list = $("documents-list");
  const first = data.total === 0 ? 0 : (data.page - 1) * data.pageSize + 1;
  const last = Math.min(data.total, data.page * data.pageSize);
  $("documents-summary").textContent =
    data.total === 0 ? "Inga dokument matchar sökningen." : `Visar ${count(first)}–${count(last)} av ${count(data.total)} dokument.`;
  list.replaceChildren(...data.documents.map(documentItem));
  $("doc-page").textContent = `Sida ${count(data.page)} av ${count(data.pages)}`;
  /** @type {HTMLButtonElement} */ ($("doc-prev")).disabled = data.page <= 1;
  /** @type {HTMLButtonElement} */ ($("doc-next")).disabled = data.page >= data.pages;
  $("documents-pager").hidden = data.pages <= 1;
}

/** One document as a card: title, path, status, owner, dates, warnings, actions. @param {any} d */
function documentItem(d) {
  const statusText = STATUS_LABEL[/** @type {keyof typeof STATUS_LABEL} */ (d.status)] ?? d.status;
  const head = el(
    "div",
    { class: "doc-head" },
    el("h3", { class: "doc-title", text: d.title }),
    el("p", { class: "doc-source muted small", text: d.source }),
    el("span", { class: `badge doc-status doc-status-${d.status}${d.status === "indexed" ? "" : " badge-warning"}`, text: statusText }),
    d.overdue ? el("span", { class: "badge badge-warning", text: "Försenad revidering" }) : null,
  );
  const facts = el("dl", { class: "doc-facts" });
  /** @param {string} label @param {string | null | undefined} value */
  const fact = (label, value) => facts.append(el("div", {}, el("dt", { text: label }), el("dd", { text: value || "–" })));
  fact("Ägare", d.owner);
  fact("Uppdaterad", d.updatedOn ?? d.adoptedOn);
  fact("Giltig till", d.validUntil);
  // The control block's valid-until date is often also the review date; shown once.
  if (d.reviewBy && d.reviewBy !== String(d.validUntil ?? "").slice(0, 10)) fact("Revideras", d.reviewBy);
  fact("Enhet", d.unit);
  fact("Format", d.format ? `${d.format}${d.pages ? `, ${d.pages} s.` : ""}, ${d.chunks} avsnitt` : null);
  fact("Senast inläst", d.ingestedAt ? formatTime(d.ingestedAt) : null);
  if (d.version) fact("Version", d.version);
  const warnings = el("ul", { class: "warning-list" });
  for (const w of d.warnings) warnings.append(el("li", { text: w }));
  if (d.error) warnings.append(el("li", { class: "error-text", text: `Orsak: ${d.error}` }));
  const actions = el(
    "div",
    { class: "row-actions" },
    d.sourceUrl ? el("a", { href: d.sourceUrl, class: "small", rel: "noopener noreferrer", target: "_blank", text: "Publicerat original" }) : null,
    d.inCorpus ? el("button", { type: "button", class: "button button-secondary button-small", text: "Ändra", "aria-label": `Ändra metadata för ${d.title}`, onclick: () => openEditor(d.id) }) : null,
    d.inCorpus ? el("button", { type: "button", class: "button button-danger button-small", text: "Ta bort", "aria-label": `Ta bort ${d.title}`, onclick: () => removeDocument(d.id) }) : null,
  );
  return el("li", { class: "doc-item" }, head, facts, d.warnings.length > 0 || d.error ? warnings : null, actions);
}

/** @param {any[]} overdue the first of them, earliest date first @param {number} total */
function renderOverdue(overdue, total) {
  const list = $("overdue-list");
  list.replaceChildren();
  if (overdue.length === 0) {
    list.append(el("li", { class: "muted", text: "Inga rutiner har passerat sitt revideringsdatum." }));
    return;
  }
  for (const d of overdue) {
    const when = d.reviewBy ? `skulle ha reviderats ${d.reviewBy}` : `gällde till ${d.validUntil}`;
    list.append(el("li", {}, el("strong", { text: d.title }), ` – ${when}`, d.owner ? ` (ägare: ${d.owner})` : "", el("span", { class: "muted small", text: ` ${d.source}` })));
  }
  if (total > overdue.length) list.append(el("li", { class: "muted", text: `… och ${count(total - overdue.length)} till (filtrera dokumentlistan och sortera på revideringsdatum).` }));
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

/** Reloads the list from page 1 after a change of search, filter or sort. */
function applyFilters() {
  const form = /** @type {HTMLFormElement} */ ($("documents-filter"));
  const value = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
  Object.assign(listState, { q: value("q").trim(), unit: value("unit"), status: value("status"), sort: value("sort"), page: 1 });
  loadDocuments().catch(reportError);
}
/** @type {ReturnType<typeof setTimeout> | undefined} */
let searchTimer;
$("doc-q").addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(applyFilters, 250);
});
$("documents-filter").addEventListener("submit", (e) => {
  e.preventDefault();
  clearTimeout(searchTimer);
  applyFilters();
});
for (const id of ["doc-unit", "doc-status", "doc-sort"]) $(id).addEventListener("change", applyFilters);
/** @param {number} delta */
function turnPage(delta) {
  listState.page = Math.max(1, listState.page + delta);
  loadDocuments()
    .then(() => $("documents-heading").scrollIntoView({ block: "start" }))
    .catch(reportError);
}
$("doc-prev").addEventListener("click", () => turnPage(-1));
$("doc-next").addEventListener("click", () => turnPage(1));

if (token()) signIn().catch(reportError);
else $("sign-in").hidden = false;
