/**
 * Rutinsvar staff chat: wires the form, the conversation and the source
 * panel. Plain ES module, no build step; all untrusted text goes through
 * textContent (see js/dom.js).
 */
import { ask, getHealth, getSource, sendFeedback } from "./js/api.js";
import { createSourcePanel } from "./js/source-panel.js";
import { createTurn } from "./js/turn-view.js";

/** Server-side limits from askRequestSchema. */
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
  if (question === "") {
    announce("Skriv en fråga först.");
    input.focus();
    return;
  }
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
        options: { includeRetrieved: true },
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
});

newConversation.addEventListener("click", resetConversation);

// Browsers move focus to a fragment target late (or not at all for some); do it at once.
document.querySelector(".skip-link")?.addEventListener("click", () => input.focus());

for (const button of document.querySelectorAll("[data-example]")) {
  button.addEventListener("click", () => {
    // Focus the field first so focus is not lost when the examples hide.
    input.focus();
    void submitQuestion(button.textContent ?? "");
  });
}

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
