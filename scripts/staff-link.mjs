/**
 * Mints a staff session for `storeId` with the secret key and answers the demo staff page's link
 * (`/staff.html#store=...&token=st_...`: the fragment never reaches a server). Dev only.
 */
export async function mintStaffLink(baseUrl, secretKey, storeId, ttlSeconds = 8 * 3600) {
  const res = await fetch(`${baseUrl}/v1/admin/staff-sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ storeId, ttlSeconds }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`could not mint a staff session: ${res.status} ${body?.error?.code ?? ''} ${body?.error?.message ?? ''}`.trim());
  const fragment = new URLSearchParams({ store: body.storeId, token: body.token });
  return { url: `${baseUrl}/staff.html#${fragment}`, expiresAt: body.expiresAt, token: body.token };
}
