// `npm run db:reset`: drops the server's tables and recreates them with fresh seed data, in
// the database the environment names (DATABASE_URL, else PGlite in OMNIKIT_DATA_DIR).
import { dropAll } from '../db/migrations.js';
import { openDatabase, prepareDatabase } from '../server.js';
import { optionsFromEnv } from './env.js';

const options = optionsFromEnv();
const db = await openDatabase(options);
try {
  await db.withStartupLock((q) => dropAll(q));
  await prepareDatabase(db, true);
  const [counts] = await db.query<{ stores: number; products: number; stock: number }>(
    `SELECT (SELECT count(*)::int FROM stores) AS stores, (SELECT count(*)::int FROM products) AS products,
            (SELECT count(*)::int FROM stock) AS stock`,
  );
  console.log(`Reset ${options.databaseUrl ? 'PostgreSQL' : `PGlite in ${options.dataDir}`}: ` +
    `${counts?.stores} locations, ${counts?.products} products, ${counts?.stock} stock rows.`);
} finally {
  await db.close();
}
