/**
 * Thumbs up/down with an optional comment for one answer. One submission
 * makes one feedback record, so the rating and comment are sent together.
 */
import { el, icon } from "./dom.js";

/**
 * @param {{idPrefix: string, buildBody: (rating: "up" | "down", comment: string) => any, send: (body: any) => Promise<unknown>}} deps
 * @returns {HTMLElement}
 */
export function createFeedback({ idPrefix, buildBody, send }) {
  /** @type {"up" | "down" | null} */
  let rating = null;
  let sent = false;

  const labelId = `${idPrefix}-feedback-label`;
  const commentId = `${idPrefix}-feedback-comment`;
  const hintId = `${idPrefix}-feedback-hint`;

  const up = thumb("up", "Ja");
  const down = thumb("down", "Nej");
  const group = el(
    "div",
    { class: "feedback-buttons", role: "group", "aria-labelledby": labelId },
    el("span", { id: labelId, class: "feedback-label", text: "Var svaret till hjälp?" }),
    up,
    down,
  );

  const comment = /** @type {HTMLTextAreaElement} */ (
    el("textarea", { id: commentId, class: "feedback-comment", rows: 2, maxlength: 2000, "aria-describedby": hintId })
  );
  const submit = el("button", { type: "submit", class: "button button-primary button-small", text: "Skicka återkoppling" });
  const form = el(
    "form",
    { class: "feedback-form", hidden: true, novalidate: true },
    el("label", { for: commentId, text: "Kommentar (valfritt)" }),
    comment,
    el("p", { id: hintId, class: "hint", text: "Beskriv gärna vad som saknades eller var fel. Skriv inte personuppgifter." }),
    submit,
  );
  const status = el("p", { class: "feedback-status", role: "status" });

  /** @param {"up" | "down"} value @param {string} text */
  function thumb(value, text) {
    const button = el(
      "button",
      { type: "button", class: `thumb thumb-${value}`, "aria-pressed": "false" },
      icon(value),
      el("span", { text }),
    );
    button.addEventListener("click", () => {
      if (sent) return;
      rating = value;
      up.setAttribute("aria-pressed", String(value === "up"));
      down.setAttribute("aria-pressed", String(value === "down"));
      form.hidden = false;
      status.textContent = "";
    });
    return button;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!rating || sent) return;
    submit.setAttribute("aria-disabled", "true");
    submit.textContent = "Skickar …";
    send(buildBody(rating, comment.value.trim()))
      .then(() => {
        sent = true;
        const hadFocus = form.contains(document.activeElement);
        form.hidden = true;
        for (const b of [up, down]) b.setAttribute("aria-disabled", "true");
        status.classList.remove("feedback-error");
        status.textContent = "Tack för din återkoppling!";
        if (hadFocus) (rating === "up" ? up : down).focus();
      })
      .catch((err) => {
        status.classList.add("feedback-error");
        status.textContent = String(err?.message ?? "Återkopplingen kunde inte skickas.");
      })
      .finally(() => {
        submit.removeAttribute("aria-disabled");
        submit.textContent = "Skicka återkoppling";
      });
  });

  return el("div", { class: "feedback" }, group, form, status);
}
