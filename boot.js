// Satchel's loader. It runs before the app so that an OAuth redirect never loads the UI:
// in the sign-in popup it hands the result to the opener and closes; on a same-tab
// redirect sign-in it keeps the result for the app. Either way the token or code leaves
// the address bar (history.replaceState) before anything else runs.
// All checks (origin, source, one-time state, account) happen in the app, in Rust.

// Report Content-Security-Policy violations (the page must work under its CSP).
window.satchelCspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.satchelCspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
  console.warn('CSP violation:', e.violatedDirective, e.blockedURI);
});

// Frame guard: a page that frames Satchel could overlay it and trick clicks (sign-in,
// send). The host's `frame-ancestors 'none'` header stops framing where it is sent; this
// covers hosts that send no header. Nothing starts, and no answer is handed on.
const framed = (() => {
  try { return window.top !== window.self; } catch (_) { return true; }
})();

const raw = location.hash.length > 1 ? location.hash.slice(1) : location.search.slice(1);
const params = new URLSearchParams(raw);
const state = params.get('state');
const isAuthResult = state !== null &&
  (params.has('access_token') || params.has('code') || params.has('error'));

function startApp() {
  const tag = document.querySelector('script[data-satchel-js]');
  import(tag.dataset.satchelJs).then((mod) => mod.default({ module_or_path: tag.dataset.satchelWasm }));
}

if (framed) {
  if (isAuthResult) history.replaceState(null, '', location.pathname);
  document.body.textContent = 'Satchel does not run inside a frame. Open it in its own tab.';
} else if (!isAuthResult) {
  startApp();
} else {
  history.replaceState(null, '', location.pathname);
  if (state.endsWith('.redirect')) {
    sessionStorage.setItem('satchel.auth.redirect_result', raw);
    startApp();
  } else {
    // To the opener only (this origin only). Under Google's enforced COOP the opener is
    // gone: then on the channel named after this request's state, which only the tab
    // waiting for that request listens to, and only while it waits.
    const message = { type: 'satchel-auth', params: raw };
    let sent = false;
    try {
      if (window.opener) {
        window.opener.postMessage(message, location.origin);
        sent = true;
      }
    } catch (_) { /* an opener we cannot reach: use the channel */ }
    if (!sent) {
      const channel = new BroadcastChannel('satchel-auth.' + state);
      channel.postMessage(message);
      channel.close();
    }
    document.body.textContent = 'Signed in. You can close this window.';
    window.close();
  }
}
