// Every language of the server-rendered widgets (badge and price) at hand at once: the server
// renders in the page's language in one pass, and the browser hydrates in it without waiting
// for the language's chunk (a render without its texts would not match the server's).
import { catalogs as price } from '../price/messages.js';
import { messages as priceDa } from '../price/messages.da.js';
import { messages as priceFi } from '../price/messages.fi.js';
import { messages as priceNb } from '../price/messages.nb.js';
import { messages as priceSv } from '../price/messages.sv.js';
import { catalogs as badge } from '../stock-badge/messages.js';
import { messages as badgeDa } from '../stock-badge/messages.da.js';
import { messages as badgeFi } from '../stock-badge/messages.fi.js';
import { messages as badgeNb } from '../stock-badge/messages.nb.js';
import { messages as badgeSv } from '../stock-badge/messages.sv.js';

Object.assign(badge, { sv: badgeSv, nb: badgeNb, da: badgeDa, fi: badgeFi });
Object.assign(price, { sv: priceSv, nb: priceNb, da: priceDa, fi: priceFi });
