import type { ErrorCode, FieldIssue } from '@omnikit/contract';

/** Extra facts about a failure, as far as they are known. */
export interface OmnikitErrorInit {
  /** HTTP status of the response, when there was one. */
  status?: number;
  /** The server's request id (`X-Request-Id`), for support tickets and logs. */
  requestId?: string;
  /** Field problems reported by the server, or schema issues found in a response. */
  details?: { issues?: FieldIssue[] };
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * Every failure the SDK reports is an `OmnikitError` with a stable {@link OmnikitError.code}.
 * Branch on `code` (or on the subclasses); messages may change between versions.
 *
 * ```ts
 * try { await omni.availability.get({ sku, storeId }); }
 * catch (e) { if (isOmnikitError(e) && e.code === 'unknown_sku') showNotSold(); else throw e; }
 * ```
 */
export class OmnikitError extends Error {
  /** Stable machine-readable code: a server code (`unknown_sku`, `rate_limited`...) or a client one (`network_error`, `timeout`, `aborted`, `invalid_response`, `http_error`). */
  readonly code: ErrorCode;
  /** HTTP status, when the failure came from a response. */
  readonly status?: number;
  /** The server's request id, when known. */
  readonly requestId?: string;
  /** Field issues: the server's validation details, or where a response failed its schema. */
  readonly details?: { issues?: FieldIssue[] };

  constructor(code: ErrorCode, message: string, init: OmnikitErrorInit = {}) {
    // Error reads only `cause` from its options; an init without one gives no `cause`.
    super(message, init);
    this.name = 'OmnikitError';
    this.code = code;
    if (init.status !== undefined) this.status = init.status;
    if (init.requestId) this.requestId = init.requestId;
    if (init.details) this.details = init.details;
  }
}

/** The server answered with an error status. `code` is the server's code (`http_error` when the body was not an error envelope). */
export class OmnikitHttpError extends OmnikitError {
  declare readonly status: number;
  constructor(code: ErrorCode, message: string, init: OmnikitErrorInit & { status: number }) {
    super(code, message, init);
    this.name = 'OmnikitHttpError';
  }
}

/** The request never got an answer: offline, DNS, refused connection, CORS. Code `network_error`. */
export class OmnikitNetworkError extends OmnikitError {
  constructor(message: string, init: OmnikitErrorInit = {}) {
    super('network_error', message, init);
    this.name = 'OmnikitNetworkError';
  }
}

/** No answer within the client's `timeout`. Code `timeout`. */
export class OmnikitTimeoutError extends OmnikitError {
  constructor(message: string, init: OmnikitErrorInit = {}) {
    super('timeout', message, init);
    this.name = 'OmnikitTimeoutError';
  }
}

/** The caller's `AbortSignal` fired, or the client was closed. Code `aborted`. */
export class OmnikitAbortError extends OmnikitError {
  constructor(message = 'The request was aborted', init: OmnikitErrorInit = {}) {
    super('aborted', message, init);
    this.name = 'OmnikitAbortError';
  }
}

/** The response was not JSON or did not match the contract's schema. Code `invalid_response`. */
export class OmnikitResponseError extends OmnikitError {
  constructor(message: string, init: OmnikitErrorInit = {}) {
    super('invalid_response', message, init);
    this.name = 'OmnikitResponseError';
  }
}

/**
 * True when `error` is an {@link OmnikitError} (optionally with the given code). Works across
 * two copies of the SDK on one page, where `instanceof` would not.
 */
export function isOmnikitError(error: unknown, code?: ErrorCode): error is OmnikitError {
  const ok =
    error instanceof OmnikitError ||
    (typeof error === 'object' &&
      error !== null &&
      typeof (error as { code?: unknown }).code === 'string' &&
      typeof (error as { name?: unknown }).name === 'string' &&
      (error as { name: string }).name.startsWith('Omnikit'));
  return ok && (code === undefined || (error as OmnikitError).code === code);
}
