// The staff page: gives <omni-pickup-queue> its store and staff session.
//
// In a real shop the retailer's back office signs the clerk in, mints a staff session for their
// store with its secret key (`admin.staffSessions.create({ storeId })` on the server) and hands
// the page the `st_...` token. In this demo `npm run staff-session` (or `npm start`) plays the
// back office and prints a link with the token in the URL's fragment: a fragment never reaches
// a server or its logs. The page keeps it in this tab's sessionStorage and removes it from the
// address bar at once.
const KEY = 'omnikit-demo:staff';

const fromHash = new URLSearchParams(location.hash.slice(1));
if (fromHash.get('token')?.startsWith('st_') && fromHash.get('store')) {
  sessionStorage.setItem(KEY, JSON.stringify({ token: fromHash.get('token'), store: fromHash.get('store') }));
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

let session;
try {
  session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
} catch {
  session = null;
}
const queue = document.getElementById('queue');
if (session?.token && session.store) {
  queue.setAttribute('store', session.store);
  // A property, never an attribute: the token stays out of the DOM.
  queue.staffToken = session.token;
} else {
  document.getElementById('staff-hint').hidden = false;
}
