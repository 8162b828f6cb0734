import { useEffect, useRef, useState } from 'react';
import { listStores } from '@omnikit/sdk';
import type { OmniProvider, OmniStockChangeEvent } from '@omnikit/elements';
import type { Store } from '@omnikit/contract';

/** Products shown: in stock, low stock, and out of stock here but in stock nearby. */
const SKUS = ['OK-10001', 'OK-10002', 'OK-10003'];

export function App({ api, publishableKey }: { api: string; publishableKey: string }) {
  const provider = useRef<OmniProvider>(null);
  const [stores, setStores] = useState<Store[]>([]);
  const [storeId, setStoreId] = useState('se-stockholm-drottninggatan');
  const [lastChange, setLastChange] = useState('');

  // The provider's own client (one per provider) also serves the page's SDK calls.
  useEffect(() => {
    const client = provider.current?.client;
    if (!client) return;
    listStores(client, { country: 'SE' }).then(setStores, (error: unknown) => console.warn('stores', error));
  }, []);

  // Typed: `event.state` is a StockState, `event.currentTarget` the badge.
  const onStockChange = (event: OmniStockChangeEvent & { currentTarget: HTMLElement }) => {
    setLastChange(`${event.sku} @ ${event.storeId}: ${event.state}${event.available === undefined ? '' : ` (${event.available})`}`);
  };

  return (
    // `publishable-key`, not `key`: React keeps `key` for itself.
    <omni-provider ref={provider} api={api} publishable-key={publishableKey} store={storeId} locale="sv-SE" currency="SEK">
      <h1>Omnikit in React</h1>
      <label>
        Store{' '}
        <select id="store" value={storeId} onChange={(e) => setStoreId(e.target.value)}>
          {stores.length === 0 && <option value={storeId}>{storeId}</option>}
          {stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <ul>
        {SKUS.map((sku) => (
          <li key={sku}>
            <code>{sku}</code> <omni-price sku={sku} />{' '}
            <omni-stock-badge sku={sku} show-quantity low-stock-threshold={5} onomni-stock-change={onStockChange} />
          </li>
        ))}
      </ul>
      <p>
        Last stock change: <output id="last-change">{lastChange}</output>
      </p>
    </omni-provider>
  );
}
