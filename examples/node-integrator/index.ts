// Simulates the tills of one store: sales take stock down every few seconds, and now and then a
// delivery restocks a product. Every change goes through the admin API, so open stock badges
// move live. Run it beside the server:
//
//   node --conditions=source --import tsx examples/node-integrator/index.ts --store se-stockholm-drottninggatan
//
// Env: OMNIKIT_API_URL (default http://127.0.0.1:8787), OMNIKIT_SECRET_KEY (default the demo key),
// OMNIKIT_PUBLISHABLE_KEY (to pick products stocked at the store; default the demo key).
import { parseArgs } from 'node:util';
import { createClient, isOmnikitError, type Availability } from '@omnikit/sdk';
import { createAdminClient } from '@omnikit/sdk/admin';

const { values: opts } = parseArgs({
  options: {
    store: { type: 'string', default: 'se-stockholm-drottninggatan' },
    skus: { type: 'string' },
    interval: { type: 'string', default: '2000' },
    count: { type: 'string' },
    'restock-chance': { type: 'string', default: '0.15' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (opts.help) {
  console.log(`Usage: node --conditions=source --import tsx examples/node-integrator/index.ts [options]
  --store <id>            store whose tills sell (default se-stockholm-drottninggatan)
  --skus <a,b,c>          SKUs to sell (default: up to 8 products stocked at the store)
  --interval <ms>         time between actions (default 2000)
  --count <n>             stop after n actions (default: run until Ctrl-C)
  --restock-chance <0-1>  chance an action is a delivery (default 0.15)
Env: OMNIKIT_API_URL, OMNIKIT_SECRET_KEY, OMNIKIT_PUBLISHABLE_KEY`);
  process.exit(0);
}

const baseUrl = process.env.OMNIKIT_API_URL ?? 'http://127.0.0.1:8787';
const storeId = opts.store;
const interval = Math.max(50, Number(opts.interval) || 2000);
const maxActions = opts.count === undefined ? Infinity : Math.max(1, Number(opts.count) || 1);
const restockChance = Math.min(1, Math.max(0, Number(opts['restock-chance'])));

const admin = createAdminClient({ baseUrl, secretKey: process.env.OMNIKIT_SECRET_KEY ?? 'sk_test_omnikit_demo' });
// The public client reads what the store carries, as a shop page would.
const omni = createClient({ baseUrl, publishableKey: process.env.OMNIKIT_PUBLISHABLE_KEY ?? 'pk_test_omnikit_demo', channel: 'pos', storage: null });

const time = () => new Date().toISOString().slice(11, 19);
const show = (a: Availability) => `${String(a.available).padStart(3)} available (${a.status})`;

async function pickSkus(): Promise<string[]> {
  if (opts.skus) return opts.skus.split(',').map((s) => s.trim()).filter(Boolean);
  const page = await omni.products.search({ pageSize: 40 });
  const skus = page.items.filter((p) => p.active && !p.onlineOnly).map((p) => p.sku);
  const stock = await omni.availability.getMany({ skus, storeIds: [storeId] });
  return stock.filter((a) => a.status !== 'not_stocked').slice(0, 8).map((a) => a.sku);
}

let stopping = false;
let timer: ReturnType<typeof setTimeout> | undefined;
function stop(): void {
  stopping = true;
  clearTimeout(timer);
  omni.close();
  admin.close();
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

async function main(): Promise<void> {
  let skus: string[];
  try {
    skus = await pickSkus();
  } catch (error) {
    console.error(`${time()} cannot reach ${baseUrl}: ${isOmnikitError(error) ? `${error.code}: ${error.message}` : String(error)}`);
    process.exitCode = 1;
    return stop();
  }
  if (skus.length === 0) {
    console.error(`${time()} store ${storeId} carries none of the products looked at; pass --skus`);
    process.exitCode = 1;
    return stop();
  }
  console.log(`${time()} selling at ${storeId} via ${baseUrl}: ${skus.join(', ')} (every ${interval} ms)`);
  const current = new Map((await omni.availability.getMany({ skus, storeIds: [storeId] })).map((a) => [a.sku, a]));
  let actions = 0;

  const tick = async (): Promise<void> => {
    if (stopping) return;
    const sku = skus[Math.floor(Math.random() * skus.length)]!;
    const available = current.get(sku)?.available ?? 0;
    const restock = available <= 0 || Math.random() < restockChance;
    try {
      if (restock) {
        const delta = 5 + Math.floor(Math.random() * 16);
        const r = await admin.stock.adjust({ sku, storeId, delta, reason: 'delivery', note: 'simulated delivery' });
        current.set(sku, r.availability);
        console.log(`${time()} delivery  ${sku.padEnd(10)} +${String(delta).padEnd(3)} -> ${show(r.availability)}`);
      } else {
        const delta = Math.min(available, 1 + Math.floor(Math.random() * 3));
        const r = await admin.stock.adjust({ sku, storeId, delta: -delta, reason: 'sale_in_store', note: 'simulated till sale' });
        current.set(sku, r.availability);
        console.log(`${time()} sale      ${sku.padEnd(10)} -${String(delta).padEnd(3)} -> ${show(r.availability)}`);
      }
    } catch (error) {
      // Someone else sold the last ones, or the server blinked: report and carry on.
      const why = isOmnikitError(error) ? `${error.code}${error.requestId ? ` (request ${error.requestId})` : ''}` : String(error);
      console.log(`${time()} skipped   ${sku.padEnd(10)} ${why}`);
      if (isOmnikitError(error, 'insufficient_stock')) current.delete(sku);
    }
    actions++;
    if (actions >= maxActions) return stop();
    if (!stopping) timer = setTimeout(() => void tick(), interval);
  };
  await tick();
}

await main();
