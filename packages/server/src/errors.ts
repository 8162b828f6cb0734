import { ERROR_CODES, type ErrorEnvelope, type FieldIssue, type ServerErrorCode } from '@omnikit/contract';

/** An error the API answers with: a stable code (and its HTTP status), a message, optional details. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ServerErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    readonly headers?: Record<string, string>,
    /** More of the envelope's `details` beside `issues` (the current cart of a version conflict, the lines checkout could not have). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

/** The one error body shape of the API. */
export function errorEnvelope(
  code: ServerErrorCode, message: string, requestId: string, issues?: FieldIssue[], more?: Record<string, unknown>,
): ErrorEnvelope {
  const details = { ...(issues?.length ? { issues } : {}), ...more };
  return { error: { code, message, requestId, ...(Object.keys(details).length ? { details } : {}) } };
}

/** Turns zod issues into the API's `{ path, message }` list, with `prefix` (`query`, `body`, `params`). */
export function toIssues(prefix: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldIssue[] {
  return issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message }));
}
