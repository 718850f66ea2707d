/**
 * Rutinsvar staff chat: wires the form, the conversation and the source
 * panel. Plain ES module, no build step; all untrusted text goes through
 * textContent (see js/dom.js).
 */
import { ask, getCollections, getExamples, getHealth, getSource, sendFeedback } from "./js/api.js";
import { createSourcePanel } from "./js/source-panel.js";
import { createTurn } from "./js/turn-view.js";

/** Server-side limits from askRequestSchema. */
const MAX_QUESTION_CHARS = 2000;
const MAX_HISTORY_TURNS = 20;
const MAX_TURN_CHARS = 8000;

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const form = /** @type {HTMLFormElement} */ (byId("ask-form"));
const input = /** @type {HTMLTextAreaElement} */ (byId("question"));
const sendButton = /** @type {HTMLButtonElement} */ (byId("send-button"));
const conversation = byId("conversation");
const emptyState = byId("empty-state");
const status = byId("status");
const newConversation = byId("new-conversation");
const health = byId("health");
const questionError = byId("question-error");
const questionCount = byId("question-count");
const examples = byId("examples");
const unitPicker = byId("unit-picker");
const unitSelect = /** @type {HTMLSelectElement} */ (byId("unit-select"));
const unitOnly = /** @type {HTMLInputElement} */ (byId("unit-only"));

/** The reader's unit, chosen once and remembered in this browser. */
const UNIT_KEY = "rutinsvar-unit";
const UNIT_ONLY_KEY = "rutinsvar-unit-only";

/** @param {string} key */
function remembered(key) {
  try {
    return localStorage.getItem(key) ?? "";
  } catch {
    return "";
  }
}

/** @param {string} key @param {string} value */
function remember(key, value) {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

/** @type {Array<{role: "user" | "assistant", content: string}>} */
let history = [];
let turnCount = 0;
/** @type {AbortController | null} */
let inFlight = null;
/** Set when the user types during a pending answer, so focus is not taken from them. */
let typedWhileWaiting = false;

const panel = createSourcePanel({
  dialog: /** @type {HTMLDialogElement} */ (byId("source-panel")),
  fetchSource: getSource,
  fallbackFocus: () => input,
});

/** @param {string} message */
function announce(message) {
  // Clearing first makes repeated identical messages announce again.
  status.textContent = "";
  setTimeout(() => (status.textContent = message), 50);
}

function reducedMotion() {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** @param {boolean} busy */
function setBusy(busy) {
  sendButton.setAttribute("aria-disabled", String(busy));
  sendButton.classList.toggle("is-busy", busy);
  form.setAttribute("aria-busy", String(busy));
}

/**
 * Sends a question and renders the answer as it streams in.
 * @param {string} rawQuestion
 */
async function submitQuestion(rawQuestion) {
  const question = rawQuestion.trim();
  const problem = questionProblem(question);
  if (problem) {
    showQuestionError(problem);
    input.focus();
    return;
  }
  showQuestionError("");
  if (inFlight) {
    announce("Vänta tills det förra svaret är klart.");
    return;
  }

  emptyState.hidden = true;
  turnCount += 1;
  const turn = createTurn(question, turnCount, { openSource: panel.open, sendFeedback, announce });
  conversation.append(turn.root);
  turn.root.scrollIntoView({ block: "start", behavior: reducedMotion() ? "auto" : "smooth" });
  input.value = "";
  updateCount();
  typedWhileWaiting = false;
  setBusy(true);
  announce("Söker i rutinerna …");

  const controller = new AbortController();
  inFlight = controller;
  const sentHistory = history.slice(-MAX_HISTORY_TURNS);
  try {
    const answer = await ask(
      {
        question,
        ...(sentHistory.length > 0 ? { history: sentHistory } : {}),
        options: { includeRetrieved: true, ...unitOptions() },
      },
      { onToken: turn.appendToken, onCitations: turn.setCitations, signal: controller.signal },
    );
    turn.complete(answer);
    history.push(
      { role: "user", content: question.slice(0, MAX_TURN_CHARS) },
      { role: "assistant", content: String(answer.answer ?? "").slice(0, MAX_TURN_CHARS) },
    );
    announce(answer.abstained ? "Svaret är klart. Rutinerna tar inte upp frågan." : "Svaret är klart.");
    if (mayMoveFocus()) turn.focusAnswer();
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") return;
    turn.fail(/** @type {any} */ (err));
    if (mayMoveFocus()) turn.focusAnswer();
  } finally {
    if (inFlight === controller) {
      inFlight = null;
      setBusy(false);
    }
  }
}

/**
 * Why a question cannot be sent, in Swedish, or "" when it can. The limit is
 * said out loud: nothing is ever cut off without a word.
 * @param {string} question trimmed
 */
function questionProblem(question) {
  if (question === "") return `Skriv en fråga först. Frågan får vara högst ${MAX_QUESTION_CHARS} tecken.`;
  if (question.length > MAX_QUESTION_CHARS) {
    return `Frågan är för lång: ${question.length} tecken. Högst ${MAX_QUESTION_CHARS} tecken får plats, så korta den innan du skickar.`;
  }
  return "";
}

/** @param {string} message shown under the field and announced; "" hides it */
function showQuestionError(message) {
  questionError.textContent = message;
  questionError.hidden = message === "";
  input.setAttribute("aria-invalid", String(message !== ""));
  if (message) announce(message);
}

function updateCount() {
  const length = input.value.trim().length;
  // The counter appears near the limit, so a long paste is seen at once rather than on sending.
  questionCount.textContent = length > MAX_QUESTION_CHARS * 0.8 ? `${length} av högst ${MAX_QUESTION_CHARS} tecken` : "";
  questionCount.classList.toggle("is-over", length > MAX_QUESTION_CHARS);
  if (length > MAX_QUESTION_CHARS) showQuestionError(questionProblem(input.value.trim()));
  else if (!questionError.hidden && length > 0) showQuestionError("");
}

/** options.unit (and options.collections with "Bara min enhet") for the chosen unit. */
function unitOptions() {
  const unit = unitSelect.value;
  if (!unit) return {};
  return unitOnly.checked ? { unit, collections: [unit] } : { unit };
}

/** Example questions from this deployment (and unit); never fixed ones from another library. */
async function loadExamples() {
  try {
    const { questions } = await getExamples(unitSelect.value || undefined);
    examples.replaceChildren(
      ...questions.map((q) => {
        const li = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "example";
        button.dataset.example = "";
        button.textContent = q;
        button.addEventListener("click", () => {
          // Focus the field first so focus is not lost when the examples hide.
          input.focus();
          void submitQuestion(q);
        });
        li.append(button);
        return li;
      }),
    );
  } catch {
    examples.replaceChildren();
  }
  const heading = document.querySelector(".examples-heading");
  if (heading instanceof HTMLElement) heading.hidden = examples.children.length === 0;
}

async function loadUnits() {
  try {
    const { collections } = await getCollections();
    // One collection is no choice to make.
    if (collections.length < 2) return;
    for (const c of collections) {
      const option = document.createElement("option");
      option.value = c.name;
      option.textContent = c.name;
      unitSelect.append(option);
    }
    const saved = remembered(UNIT_KEY);
    if (collections.some((c) => c.name === saved)) unitSelect.value = saved;
    else remember(UNIT_KEY, "");
    unitOnly.checked = unitSelect.value !== "" && remembered(UNIT_ONLY_KEY) === "1";
    unitOnly.disabled = unitSelect.value === "";
    unitPicker.hidden = false;
  } catch {
    // Without the list the chat still works over every unit.
  }
}

unitSelect.addEventListener("change", () => {
  remember(UNIT_KEY, unitSelect.value);
  unitOnly.disabled = unitSelect.value === "";
  if (unitOnly.disabled) unitOnly.checked = false;
  announce(unitSelect.value ? `Din enhet är ${unitSelect.value}. Enhetens rutiner visas först.` : "Alla enheter.");
  void loadExamples();
});
unitOnly.addEventListener("change", () => remember(UNIT_ONLY_KEY, unitOnly.checked ? "1" : ""));

/** Focus moves to a new answer only if the user is not busy elsewhere. */
function mayMoveFocus() {
  const active = document.activeElement;
  if (byId("source-panel").hasAttribute("open")) return false;
  if (!active || active === document.body || active === sendButton) return true;
  if (active === input) return !typedWhileWaiting && input.value.trim() === "";
  return false;
}

function resetConversation() {
  inFlight?.abort();
  inFlight = null;
  setBusy(false);
  history = [];
  conversation.replaceChildren();
  emptyState.hidden = false;
  input.value = "";
  input.focus();
  announce("Ny konversation. Tidigare frågor och svar är borttagna.");
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void submitQuestion(input.value);
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

input.addEventListener("input", () => {
  if (inFlight) typedWhileWaiting = true;
  updateCount();
});

newConversation.addEventListener("click", resetConversation);

// Browsers move focus to a fragment target late (or not at all for some); do it at once.
document.querySelector(".skip-link")?.addEventListener("click", () => input.focus());

void loadUnits().then(loadExamples);

// Alt+K from anywhere. A modifier is required: single-key shortcuts would
// break WCAG 2.1.4 for speech-input users.
document.addEventListener("keydown", (event) => {
  if (event.altKey && !event.ctrlKey && !event.metaKey && (event.code === "KeyK" || event.key.toLowerCase() === "k")) {
    if (byId("source-panel").hasAttribute("open")) return;
    event.preventDefault();
    input.focus();
  }
});

getHealth()
  .then((h) => {
    if (typeof h.documents === "number") {
      health.textContent = `Kunskapsbasen innehåller ${h.documents} rutindokument.`;
    }
    if (h.status && h.status !== "ok") health.textContent += " Tjänsten rapporterar driftstörning.";
  })
  .catch(() => {
    health.textContent = "Tjänstens status kunde inte hämtas.";
  });
