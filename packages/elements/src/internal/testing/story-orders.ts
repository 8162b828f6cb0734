import type { Order } from '@omnikit/sdk/cart';

/**
 * Orders as the reference server answers them, one per state the order widgets show, recorded
 * from a seeded server (for stories: no server needed). Each has the id of its key.
 */
export const STORY_ORDERS: Record<'placed' | 'curbside' | 'arrived' | 'locker' | 'attention' | 'cancelled', Order> = {
 "placed": {
  "id": "ord_story_placed",
  "number": "OK-KRMNX9",
  "status": "confirmed",
  "cartId": "cart_IgNaqJlcXoD-GEoTfNln5Q",
  "channel": "web",
  "currency": "SEK",
  "country": "SE",
  "payment": {
   "method": "in_store",
   "status": "at_pickup"
  },
  "lines": [
   {
    "id": "line_09JF8YnI1AyvYcm0nSWD6w",
    "sku": "OK-10001",
    "name": "Oak chef's knife, grey",
    "quantity": 2,
    "fulfillment": {
     "type": "pickup",
     "storeId": "se-solna-mall-of-scandinavia",
     "method": "in_store"
    },
    "groupId": "pickup:se-solna-mall-of-scandinavia:in_store",
    "unitPrice": 102900,
    "lineTotal": 205800,
    "vatRate": 2500
   }
  ],
  "groups": [
   {
    "id": "pickup:se-solna-mall-of-scandinavia:in_store",
    "fulfillment": {
     "type": "pickup",
     "storeId": "se-solna-mall-of-scandinavia",
     "method": "in_store"
    },
    "lineIds": [
     "line_09JF8YnI1AyvYcm0nSWD6w"
    ],
    "storeName": "Mall of Scandinavia",
    "subtotal": 205800,
    "fee": 0
   }
  ],
  "discounts": [],
  "totals": {
   "currency": "SEK",
   "subtotal": 205800,
   "discount": 0,
   "delivery": 0,
   "total": 205800,
   "vat": [
    {
     "rate": 2500,
     "gross": 205800,
     "net": 164640,
     "vat": 41160
    }
   ],
   "vatTotal": 41160
  },
  "storeIds": [
   "se-solna-mall-of-scandinavia"
  ],
  "pickups": [
   {
    "groupId": "pickup:se-solna-mall-of-scandinavia:in_store",
    "storeId": "se-solna-mall-of-scandinavia",
    "method": "in_store"
   }
  ],
  "createdAt": "2026-12-02T14:34:25.058Z",
  "updatedAt": "2026-12-02T14:34:25.058Z"
 },
 "curbside": {
  "id": "ord_story_curbside",
  "number": "OK-UETWY6",
  "status": "picking",
  "cartId": "cart_Rh_uqo45YiAx-ncuVA4XGw",
  "channel": "web",
  "currency": "SEK",
  "country": "SE",
  "payment": {
   "method": "in_store",
   "status": "at_pickup"
  },
  "lines": [
   {
    "id": "line_SosAaLUY6BRr5Q8fNpBxHw",
    "sku": "OK-10001",
    "name": "Oak chef's knife, grey",
    "quantity": 2,
    "fulfillment": {
     "type": "pickup",
     "storeId": "se-solna-mall-of-scandinavia",
     "method": "curbside"
    },
    "groupId": "pickup:se-solna-mall-of-scandinavia:curbside",
    "unitPrice": 102900,
    "lineTotal": 205800,
    "vatRate": 2500
   }
  ],
  "groups": [
   {
    "id": "pickup:se-solna-mall-of-scandinavia:curbside",
    "fulfillment": {
     "type": "pickup",
     "storeId": "se-solna-mall-of-scandinavia",
     "method": "curbside"
    },
    "lineIds": [
     "line_SosAaLUY6BRr5Q8fNpBxHw"
    ],
    "storeName": "Mall of Scandinavia",
    "subtotal": 205800,
    "fee": 0
   }
  ],
  "discounts": [],
  "totals": {
   "currency": "SEK",
   "subtotal": 205800,
   "discount": 0,
   "delivery": 0,
   "total": 205800,
   "vat": [
    {
     "rate": 2500,
     "gross": 205800,
     "net": 164640,
     "vat": 41160
    }
   ],
   "vatTotal": 41160
  },
  "storeIds": [
   "se-solna-mall-of-scandinavia"
  ],
  "pickups": [
   {
    "groupId": "pickup:se-solna-mall-of-scandinavia:curbside",
    "storeId": "se-solna-mall-of-scandinavia",
    "method": "curbside"
   }
  ],
  "createdAt": "2026-12-02T14:34:25.190Z",
  "updatedAt": "2026-12-02T14:34:25.226Z"
 },
 "arrived": {
  "id": "ord_story_arrived",
  "number": "OK-UETWY6",
  "status": "picking",
  "cartId": "cart_Rh_uqo45YiAx-ncuVA4XGw",
  "channel": "web",
  "currency": "SEK",
  "country": "SE",
  "payment": {
   "method": "in_store",
   "status": "at_pickup"
  },
  "lines": [
   {
    "id": "line_SosAaLUY6BRr5Q8fNpBxHw",
    "sku": "OK-10001",
    "name": "Oak chef's knife, grey",
    "quantity": 2,
    "fulfillment": {
     "type": "pickup",
     "storeId": "se-solna-mall-of-scandinavia",
     "method": "curbside"
    },
    "groupId": "pickup:se-solna-mall-of-scandinavia:curbside",
    "unitPrice": 102900,
    "lineTotal": 205800,
    "vatRate": 2500
   }
  ],
  "groups": [
   {
    "id": "pickup:se-solna-mall-of-scandinavia:curbside",
    "fulfillment": {
     "type": "pickup",
     "storeId": "se-solna-mall-of-scandinavia",
     "method": "curbside"
    },
    "lineIds": [
     "line_SosAaLUY6BRr5Q8fNpBxHw"
    ],
    "storeName": "Mall of Scandinavia",
    "subtotal": 205800,
    "fee": 0
   }
  ],
  "discounts": [],
  "totals": {
   "currency": "SEK",
   "subtotal": 205800,
   "discount": 0,
   "delivery": 0,
   "total": 205800,
   "vat": [
    {
     "rate": 2500,
     "gross": 205800,
     "net": 164640,
     "vat": 41160
    }
   ],
   "vatTotal": 41160
  },
  "storeIds": [
   "se-solna-mall-of-scandinavia"
  ],
  "pickups": [
   {
    "groupId": "pickup:se-solna-mall-of-scandinavia:curbside",
    "storeId": "se-solna-mall-of-scandinavia",
    "method": "curbside",
    "arrival": {
     "at": "2026-12-02T14:34:25.265Z",
     "bay": "4",
     "car": "red Volvo"
    }
   }
  ],
  "createdAt": "2026-12-02T14:34:25.190Z",
  "updatedAt": "2026-12-02T14:34:25.263Z"
 },
 "locker": {
  "id": "ord_story_locker",
  "number": "OK-EXQ9WA",
  "status": "ready",
  "cartId": "cart_viRz8Bkvn2V622jheJ3Pww",
  "channel": "web",
  "currency": "SEK",
  "country": "SE",
  "payment": {
   "method": "in_store",
   "status": "at_pickup"
  },
  "lines": [
   {
    "id": "line_iC1phbSqidnN6vG_dyaAUA",
    "sku": "OK-10001",
    "name": "Oak chef's knife, grey",
    "quantity": 2,
    "fulfillment": {
     "type": "pickup",
     "storeId": "se-solna-mall-of-scandinavia",
     "method": "locker"
    },
    "groupId": "pickup:se-solna-mall-of-scandinavia:locker",
    "unitPrice": 102900,
    "lineTotal": 205800,
    "vatRate": 2500
   }
  ],
  "groups": [
   {
    "id": "pickup:se-solna-mall-of-scandinavia:locker",
    "fulfillment": {
     "type": "pickup",
     "storeId": "se-solna-mall-of-scandinavia",
     "method": "locker"
    },
    "lineIds": [
     "line_iC1phbSqidnN6vG_dyaAUA"
    ],
    "storeName": "Mall of Scandinavia",
    "subtotal": 205800,
    "fee": 0
   }
  ],
  "discounts": [],
  "totals": {
   "currency": "SEK",
   "subtotal": 205800,
   "discount": 0,
   "delivery": 0,
   "total": 205800,
   "vat": [
    {
     "rate": 2500,
     "gross": 205800,
     "net": 164640,
     "vat": 41160
    }
   ],
   "vatTotal": 41160
  },
  "storeIds": [
   "se-solna-mall-of-scandinavia"
  ],
  "pickups": [
   {
    "groupId": "pickup:se-solna-mall-of-scandinavia:locker",
    "storeId": "se-solna-mall-of-scandinavia",
    "method": "locker",
    "locker": {
     "compartment": 1,
     "code": "580126"
    }
   }
  ],
  "readyAt": "2026-12-02T14:34:25.400Z",
  "collectBy": "2026-12-05T14:34:25.400Z",
  "createdAt": "2026-12-02T14:34:25.364Z",
  "updatedAt": "2026-12-02T14:34:25.400Z"
 },
 "attention": {
  "id": "ord_story_attention",
  "number": "OK-QCWD7Q",
  "status": "needs_attention",
  "cartId": "cart_PyP57Dpo6OYiKbPQzVbcdg",
  "channel": "web",
  "currency": "SEK",
  "country": "SE",
  "payment": {
   "method": "in_store",
   "status": "at_pickup"
  },
  "lines": [
   {
    "id": "line_bF2ToAlGcIZsxZ2S5Bea0A",
    "sku": "OK-10001",
    "name": "Oak chef's knife, grey",
    "quantity": 2,
    "fulfillment": {
     "type": "pickup",
     "storeId": "se-solna-mall-of-scandinavia",
     "method": "in_store"
    },
    "groupId": "pickup:se-solna-mall-of-scandinavia:in_store",
    "unitPrice": 102900,
    "lineTotal": 205800,
    "vatRate": 2500
   }
  ],
  "groups": [
   {
    "id": "pickup:se-solna-mall-of-scandinavia:in_store",
    "fulfillment": {
     "type": "pickup",
     "storeId": "se-solna-mall-of-scandinavia",
     "method": "in_store"
    },
    "lineIds": [
     "line_bF2ToAlGcIZsxZ2S5Bea0A"
    ],
    "storeName": "Mall of Scandinavia",
    "subtotal": 205800,
    "fee": 0
   }
  ],
  "discounts": [],
  "totals": {
   "currency": "SEK",
   "subtotal": 205800,
   "discount": 0,
   "delivery": 0,
   "total": 205800,
   "vat": [
    {
     "rate": 2500,
     "gross": 205800,
     "net": 164640,
     "vat": 41160
    }
   ],
   "vatTotal": 41160
  },
  "storeIds": [
   "se-solna-mall-of-scandinavia"
  ],
  "pickups": [
   {
    "groupId": "pickup:se-solna-mall-of-scandinavia:in_store",
    "storeId": "se-solna-mall-of-scandinavia",
    "method": "in_store"
   }
  ],
  "readyAt": "2026-12-02T14:34:25.564Z",
  "collectBy": "2026-12-05T14:34:25.626Z",
  "attention": {
   "reason": "stock_corrected",
   "lines": [
    {
     "lineId": "line_bF2ToAlGcIZsxZ2S5Bea0A",
     "sku": "OK-10001",
     "storeId": "se-solna-mall-of-scandinavia",
     "reserved": 0,
     "missing": 2
    }
   ],
   "alternatives": [
    {
     "choice": "move",
     "storeId": "se-stockholm-drottninggatan",
     "storeName": "Drottninggatan",
     "distanceKm": 5.2
    },
    {
     "choice": "move",
     "storeId": "se-stockholm-gotgatan",
     "storeName": "Götgatan",
     "distanceKm": 7.3
    },
    {
     "choice": "move",
     "storeId": "se-goteborg-kungsgatan",
     "storeName": "Kungsgatan",
     "distanceKm": 396.2
    },
    {
     "choice": "delivery"
    },
    {
     "choice": "cancel"
    }
   ],
   "since": "2026-12-02T14:34:25.670Z"
  },
  "createdAt": "2026-12-02T14:34:25.512Z",
  "updatedAt": "2026-12-02T14:34:25.626Z"
 },
 "cancelled": {
  "id": "ord_story_cancelled",
  "number": "OK-A66JN3",
  "status": "cancelled",
  "cartId": "cart_4tYqvfxqzEs5HoxN5RYjww",
  "channel": "web",
  "currency": "SEK",
  "country": "SE",
  "payment": {
   "method": "in_store",
   "status": "at_pickup"
  },
  "lines": [
   {
    "id": "line_6SB4MF1YHAY_KHnBpzFj8w",
    "sku": "OK-10001",
    "name": "Oak chef's knife, grey",
    "quantity": 2,
    "fulfillment": {
     "type": "pickup",
     "storeId": "se-solna-mall-of-scandinavia",
     "method": "in_store"
    },
    "groupId": "pickup:se-solna-mall-of-scandinavia:in_store",
    "unitPrice": 102900,
    "lineTotal": 205800,
    "vatRate": 2500
   }
  ],
  "groups": [
   {
    "id": "pickup:se-solna-mall-of-scandinavia:in_store",
    "fulfillment": {
     "type": "pickup",
     "storeId": "se-solna-mall-of-scandinavia",
     "method": "in_store"
    },
    "lineIds": [
     "line_6SB4MF1YHAY_KHnBpzFj8w"
    ],
    "storeName": "Mall of Scandinavia",
    "subtotal": 205800,
    "fee": 0
   }
  ],
  "discounts": [],
  "totals": {
   "currency": "SEK",
   "subtotal": 205800,
   "discount": 0,
   "delivery": 0,
   "total": 205800,
   "vat": [
    {
     "rate": 2500,
     "gross": 205800,
     "net": 164640,
     "vat": 41160
    }
   ],
   "vatTotal": 41160
  },
  "storeIds": [
   "se-solna-mall-of-scandinavia"
  ],
  "pickups": [
   {
    "groupId": "pickup:se-solna-mall-of-scandinavia:in_store",
    "storeId": "se-solna-mall-of-scandinavia",
    "method": "in_store"
   }
  ],
  "createdAt": "2026-12-02T14:34:25.803Z",
  "updatedAt": "2026-12-02T14:34:25.841Z"
 }
};

/** An SSE stream that says it is ready and then stays quiet (the stories change nothing live). */
function quietStream(): Response {
  const ready = `event: stream.ready\ndata: ${JSON.stringify({ type: 'stream.ready', topics: [], retentionSeconds: 60, at: new Date().toISOString() })}\n\n`;
  return new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode(ready)) }), {
    headers: { 'Content-Type': 'text/event-stream' },
  });
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * A `fetch` for the stories of `<omni-order-status>` and `<omni-pickup-queue>`: answers the
 * order reads, the order list, "I have arrived", a choice and a staff step from
 * {@link STORY_ORDERS}; `fail` answers every read with a 503.
 */
export function storyOrdersFetch(options: { fail?: boolean } = {}): typeof fetch {
  const orders = new Map(Object.values(STORY_ORDERS).map((o) => [o.id, structuredClone(o)]));
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (url.pathname === '/v1/events') return quietStream();
    if (options.fail) return json({ error: { code: 'service_unavailable', message: 'Story: the API is down.' } }, 503);
    if (url.pathname === '/v1/admin/orders') {
      const items = [...orders.values()].filter((o) => ['confirmed', 'picking', 'ready', 'needs_attention'].includes(o.status));
      return json({ items, page: 1, pageSize: 100, total: items.length });
    }
    const m = /^\/v1\/(?:admin\/)?orders\/([^/]+)(?:\/(arrive|resolve|status))?$/.exec(url.pathname);
    const order = m ? orders.get(m[1]!) : undefined;
    if (!order) return json({ error: { code: 'order_not_found', message: 'No such order.' } }, 404);
    const now = new Date().toISOString();
    if (m![2] === 'arrive') order.pickups = order.pickups?.map((p) => ({ ...p, arrival: { at: now, ...JSON.parse(String(init?.body ?? '{}')) } }));
    if (m![2] === 'resolve') Object.assign(order, { status: 'confirmed', attention: undefined });
    if (m![2] === 'status') order.status = JSON.parse(String(init?.body ?? '{}')).status;
    if (m![2]) order.updatedAt = now;
    return json(order);
  };
}
