//! Signing in: the sandbox's consent popup, the session it leaves, and the signed-in
//! starts tests share (Compose, the Inbox, Calendar's first quick add).

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::{poll, Browser, BrowserOptions, Deployment, Stack};

/// Sign-in helpers: the consent popup of the sandbox.
impl Browser {
    /// Clicks `button_css`, waits for the consent popup and switches to it. Returns the
    /// main window's handle, to switch back with `back_to`.
    pub async fn open_consent(&self, button_css: &str) -> fantoccini::wd::WindowHandle {
        let main = self.client.window().await.expect("main window");
        // The popup is the window the click opens (other tabs may be open already).
        let before = self.client.windows().await.expect("windows");
        self.click(button_css).await;
        let popup = poll("a sign-in popup", 10, async || {
            let windows = self.client.windows().await.expect("windows");
            windows.into_iter().find(|w| !before.contains(w))
        })
        .await;
        self.client
            .switch_to_window(popup)
            .await
            .expect("switch to popup");
        self.wait_for("#allow").await;
        main
    }

    /// Clicks `button_css`, which asks for a permission, and allows it in the consent popup.
    pub async fn grant(&self, button_css: &str) {
        let main = self.open_consent(button_css).await;
        self.decide("allow", main).await;
    }

    /// With popups blocked (as a blocker does), clicks `button_css` and signs in in this tab.
    pub async fn sign_in_in_this_tab(&self, button_css: &str) {
        self.block_popups().await;
        self.click(button_css).await;
        self.click_text("Sign in in this tab").await;
        self.click("#allow").await;
        self.wait_for("[data-testid=account-email]").await;
    }

    /// What a popup blocker does.
    pub async fn block_popups(&self) {
        self.eval("window.open = () => null; return true").await;
    }

    /// Clicks `#allow` or `#deny` in the consent popup and switches back to `main`.
    pub async fn decide(&self, decision: &str, main: fantoccini::wd::WindowHandle) {
        // The popup, named before the click closes it (other tabs may be open as well).
        let popup = self.client.window().await.ok().filter(|w| *w != main);
        self.click(&format!("#{decision}")).await;
        self.back_to_from(main, popup).await;
    }

    pub async fn back_to(&self, main: fantoccini::wd::WindowHandle) {
        let popup = self.client.window().await.ok().filter(|w| *w != main);
        self.back_to_from(main, popup).await;
    }

    /// Waits until `popup` has closed itself (it does once it has handed over the answer),
    /// up to 10 s, then switches to `main`. Without a known popup: until one window is left.
    async fn back_to_from(
        &self,
        main: fantoccini::wd::WindowHandle,
        popup: Option<fantoccini::wd::WindowHandle>,
    ) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            let windows = self.client.windows().await.unwrap_or_default();
            let open = match &popup {
                Some(p) => windows.contains(p),
                None => windows.len() > 1,
            };
            if !open {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.client
            .switch_to_window(main)
            .await
            .expect("back to the app");
    }

    /// The full token-flow sign-in from the header button, allowing everything.
    pub async fn sign_in(&self) {
        let main = self.open_consent("#sign-in").await;
        self.decide("allow", main).await;
        self.wait_for("[data-testid=account-email]").await;
    }

    /// The access token of the tab's session ("" when signed out).
    pub async fn access_token(&self) -> String {
        self.session().await["access_token"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The tab's stored session (sessionStorage), as JSON.
    pub async fn session(&self) -> Value {
        let text = self
            .eval("return sessionStorage.getItem('satchel.session')")
            .await;
        text.as_str()
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or(Value::Null)
    }
}

/// Compose, signed in, with the sending choices Settings offers set first: `send_only`
/// (grant `gmail.send` alone, so Save draft asks for the drafts permission) and the Undo
/// wait in seconds (0: none).
pub async fn compose_signed_in(
    options: BrowserOptions,
    send_only: bool,
    undo_seconds: u32,
) -> (Stack, Browser) {
    let (stack, browser) =
        Stack::opened(Deployment::Sandbox { flow: "token" }, "mail", options).await;
    browser.set_send_choices(send_only, undo_seconds).await;
    browser.sign_in().await;
    browser.wait_for("#compose-to").await;
    (stack, browser)
}

impl Browser {
    /// Settings' sending choices, in this origin's storage: send-only and the Undo wait.
    pub async fn set_send_choices(&self, send_only: bool, undo_seconds: u32) {
        self.eval(&format!(
            "localStorage.setItem('satchel.undo_send_seconds', '{undo_seconds}'); \
             if ({send_only}) localStorage.setItem('satchel.send_only', '1'); return true"
        ))
        .await;
    }

    /// The Inbox from Mail, signed in: its read permission asked and allowed.
    pub async fn open_inbox(&self) {
        self.click("nav.subnav a[href='/mail/inbox']").await;
        self.grant(".permission button").await;
    }

    /// Calendar's first quick add: it asks for `calendar.events`, which is allowed; waits
    /// until the event called `title` is added.
    pub async fn first_quick_add(&self, text: &str, title: &str) {
        self.send_keys("#quick-add-text", text).await;
        self.grant("form.quick-add button[type=submit]").await;
        self.wait_for_text(&format!("Added “{title}”")).await;
    }
}

/// Compose signed in (no Undo wait), then the Inbox with its read permission granted.
pub async fn inbox_signed_in() -> (Stack, Browser) {
    let (stack, browser) = compose_signed_in(BrowserOptions::default(), false, 0).await;
    browser.open_inbox().await;
    browser.wait_for_text("Plans for the weekend").await;
    (stack, browser)
}
