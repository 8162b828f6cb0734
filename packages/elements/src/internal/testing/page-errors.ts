/**
 * Records uncaught errors and unhandled rejections on the page while a test runs, so a test can
 * assert the host page saw none (a widget must never throw into its host).
 */
export function recordPageErrors(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message);
  const onRejection = (e: PromiseRejectionEvent) => errors.push(e.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/**
 * A `fetch` that counts requests per pathname, and the most event streams (`/v1/events`) open
 * at the same time (a stream is open until its request is aborted or fails), then calls the
 * real one.
 */
export function countingFetch(inner: typeof fetch = globalThis.fetch.bind(globalThis)) {
  const counts = new Map<string, number>();
  let openStreams = 0;
  let maxOpenStreams = 0;
  const fetchFn = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    counts.set(url.pathname, (counts.get(url.pathname) ?? 0) + 1);
    const result = inner(input, init);
    if (url.pathname === '/v1/events') {
      let open = true;
      const close = () => {
        if (open) openStreams--;
        open = false;
      };
      openStreams++;
      maxOpenStreams = Math.max(maxOpenStreams, openStreams);
      init?.signal?.addEventListener('abort', close);
      result.catch(close);
    }
    return result;
  };
  return {
    fetch: fetchFn as typeof fetch,
    count: (path: string) => counts.get(path) ?? 0,
    counts,
    get maxOpenStreams() {
      return maxOpenStreams;
    },
  };
}
