// `npm run staff-session [storeId]`: the demo's stand-in for a retailer's back office. It mints a
// staff session for one store with the secret key (server side, as a back office does when a
// clerk signs in) and prints the staff page's link with the token in the URL fragment.
// OMNIKIT_API_URL (default http://127.0.0.1:8787), OMNIKIT_SECRET_KEY (default the demo key).
// Dev only: a real back office never prints tokens.
import { mintStaffLink } from './staff-link.mjs';

const base = (process.env.OMNIKIT_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`).replace(/\/$/, '');
const secretKey = process.env.OMNIKIT_SECRET_KEY ?? 'sk_test_omnikit_demo';
const storeId = process.argv[2] ?? 'se-solna-mall-of-scandinavia';
try {
  const { url, expiresAt } = await mintStaffLink(base, secretKey, storeId);
  console.log(`Staff page for ${storeId} (until ${expiresAt}):\n  ${url}`);
} catch (e) {
  console.error(`[staff-session] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
