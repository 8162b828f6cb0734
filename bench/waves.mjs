// Sequential waves of requests, as the page-latency bench and the 200-badge e2e test count them.

/**
 * The number of sequential waves in `requests` (`{ start, end? }` in one clock): a request is in
 * wave n + 1 when it started after a request of wave n had ended (it may have waited for that
 * answer); requests started before any had ended are wave 1. Sets `wave` on each request.
 *
 * `mayNeed(r, q)`, when given, says whether request `r` can have waited for `q` at all (e.g. an
 * API call for a script, never for a style sheet; a script for the script that imports it); only
 * those `q` count. Without it every request that ended before `r` started counts.
 */
export function waves(requests, mayNeed = () => true) {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  for (const r of sorted) {
    const before = sorted.filter((q) => q !== r && q.end !== undefined && q.end <= r.start && mayNeed(r, q));
    r.wave = 1 + Math.max(0, ...before.map((q) => q.wave ?? 0));
  }
  return Math.max(0, ...sorted.map((r) => r.wave));
}
