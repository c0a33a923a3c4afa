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
  // A language other than English: its table beside the wasm, fetched while the wasm is
  // (the app asks for the same address once it runs: src/browser/language.rs).
  const code = language();
  if (code !== 'en') {
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = tag.dataset.satchelJs.replace(/[^/]*$/, 'i18n-' + code + '.json');
    document.head.appendChild(link);
  }
  import(tag.dataset.satchelJs).then((mod) => mod.default({ module_or_path: tag.dataset.satchelWasm }));
  registerWorker();
}

// The service worker (sw.js, README "Installing and offline"), at the app's base URL so
// its scope is the app and nothing else on the origin. A new build's worker waits until
// the user says Reload: the app shows its prompt on `satchel-update-ready` (or, mounted
// later, on the flag) and calls satchelApplyUpdate.
function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  const scope = new URL('./', document.baseURI);
  const workers = navigator.serviceWorker;
  // Controlled at load: a later controller change is an update, so reload into that build
  // (every tab does, so none keeps asking the new worker for the old build's files).
  const updating = workers.controller !== null;
  let reloading = false;
  workers.addEventListener('controllerchange', () => {
    if (updating && !reloading) {
      reloading = true;
      location.reload();
    }
  });
  const announce = (registration) => {
    if (registration.waiting && workers.controller && !window.satchelUpdateReady) {
      window.satchelUpdateReady = true;
      window.dispatchEvent(new Event('satchel-update-ready'));
    }
  };
  window.satchelApplyUpdate = () => {
    workers.getRegistration(scope.href).then((registration) => {
      if (registration && registration.waiting) {
        registration.waiting.postMessage({ type: 'satchel-skip-waiting' });
      } else {
        location.reload();
      }
    });
  };
  // After load: installing fetches every file of the build, which must not slow the
  // first visit's own downloads.
  if (document.readyState !== 'complete') {
    window.addEventListener('load', () => register(workers, scope, announce), { once: true });
  } else {
    register(workers, scope, announce);
  }
}

function register(workers, scope, announce) {
  workers.register(new URL('sw.js', scope).href, { scope: scope.pathname }).then((registration) => {
    announce(registration);
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      if (!installing) return;
      installing.addEventListener('statechange', () => {
        if (installing.state === 'installed') announce(registration);
      });
    });
    // A tab left open for days still hears of new deployments.
    setInterval(() => registration.update().catch(() => {}), 60 * 60 * 1000);
  }).catch((e) => console.warn('Satchel works without its service worker:', e));
}

// This page's own messages, before the app and its catalog load: the build writes them here
// from the catalogs (i18n/<lang>/boot.txt; xtask/src/boot_texts.rs). In the language the app
// would choose: the one chosen in Settings, else the first of the browser's it speaks.
const TEXTS = /*SATCHEL_BOOT_TEXTS*/{"en":{"boot-framed":"Satchel does not run inside a frame. Open it in its own tab.","boot-signed-in":"Signed in. You can close this window."}}/**/;
// The language the app will choose (src/browser/language.rs): the one saved in Settings,
// else the first of the browser's that the build wrote texts for.
function language() {
  let saved = null;
  try { saved = localStorage.getItem('satchel.lang'); } catch (_) { /* storage refused */ }
  for (const tag of [saved, ...(navigator.languages || [navigator.language])]) {
    if (!tag) continue;
    const code = tag.split(/[-_]/)[0].toLowerCase();
    const known = code === 'iw' ? 'he' : code;
    if (Object.prototype.hasOwnProperty.call(TEXTS, known)) return known;
  }
  return 'en';
}
function say(key) {
  const code = language();
  document.documentElement.lang = code;
  document.documentElement.dir = code === 'he' ? 'rtl' : 'ltr';
  document.body.textContent = TEXTS[code][key] || TEXTS.en[key];
}

if (framed) {
  if (isAuthResult) history.replaceState(null, '', location.pathname);
  say('boot-framed');
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
    say('boot-signed-in');
    window.close();
  }
}
