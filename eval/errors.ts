/** Errors raised by the evaluation harness. */
import { AppError } from "../src/core/errors.js";

/** The system under test could not be asked, or answered with something unusable. */
export class EvalProviderError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("eval_provider_error", message, 502, options);
  }
}

/** The harness was started with unusable options (missing file, bad flag value). */
export class EvalUsageError extends AppError {
  constructor(message: string) {
    super("eval_usage_error", message, 400);
  }
}
