/**
 * Domain errors. Every error the API can surface extends AppError with a
 * stable `code` and an HTTP status; `message` is meant for the reader
 * (Swedish for staff-facing errors, precise for admins).
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status = 500, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super("not_found", `${what} "${id}" finns inte.`, 404);
  }
}

export class ValidationError extends AppError {
  constructor(message: string) {
    super("invalid_request", message, 400);
  }
}

/** The index on disk is missing, unreadable or was built with another configuration. */
export class IndexError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("index_error", message, 500, options);
  }
}

/** A manifest does not match the running configuration. */
export class IndexMismatchError extends IndexError {
  constructor(field: string, indexValue: string, configValue: string) {
    super(
      `Indexet byggdes med ${field}=${indexValue} men konfigurationen anger ${field}=${configValue}. ` +
        `Bygg om indexet (npm run ingest) eller ändra konfigurationen.`,
    );
  }
}
