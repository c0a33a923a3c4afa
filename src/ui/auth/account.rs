//! Sign-in controls: the header's account area, the session banner (expiry, renewal,
//! blocked popup) and the panel a feature shows when it lacks a permission.

use crate::i18n::{k, t, tf};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::auth::scopes::Feature;
use crate::ui::auth::use_auth;

/// What the current view needs at sign-in, from its route.
fn features_for(path: &str) -> Vec<Feature> {
    if path.ends_with("/calendar") {
        vec![Feature::Agenda]
    } else if path.ends_with("/mail/inbox") {
        vec![Feature::Inbox]
    } else if path.ends_with("/mail/drafts") {
        vec![Feature::Drafts]
    } else if path.ends_with("/mail") {
        vec![crate::ui::mail::prefs::send_feature()]
    } else {
        Vec::new()
    }
}

#[component]
pub fn AccountArea() -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    move || {
        if auth.is_signed_in() {
            view! {
                <span class="email" dir="auto" data-testid="account-email">
                    {move || auth.email().unwrap_or_else(|| t(k::AUTH_SIGNED_IN).into())}
                </span>
                <button type="button" class="secondary" on:click=move |_| auth.sign_out()>{t(k::AUTH_SIGN_OUT)}</button>
            }
            .into_any()
        } else {
            view! {
                // Never disabled: while a request is open a click brings its window forward,
                // or starts again when that window is gone.
                <button
                    type="button"
                    id="sign-in"
                    on:click=move |_| auth.sign_in(&features_for(&location.pathname.get_untracked()))
                >
                    {move || if auth.busy.get() { t(k::AUTH_WAITING) } else { t(k::AUTH_SIGN_IN_GOOGLE) }}
                </button>
            }
            .into_any()
        }
    }
}

/// The open sign-in, the one-click renewal and the blocked-popup fallback. The view below
/// stays as it is.
#[component]
pub fn SessionBanner() -> impl IntoView {
    let auth = use_auth();
    view! {
        <Show when=move || auth.busy.get()>
            <div class="banner" role="status" data-testid="sign-in-waiting">
                <p>
                    {t(k::AUTH_WAITING_POPUP)}
                    {move || auth.popup_lost.get().then(|| format!(" {}", t(k::AUTH_POPUP_LOST)))}
                </p>
                <button type="button" class="secondary" id="cancel-sign-in" on:click=move |_| auth.cancel()>{t(k::AUTH_CANCEL)}</button>
            </div>
        </Show>
        <Show when=move || auth.blocked.get().is_some()>
            <div class="banner" role="alert">
                <p>{t(k::AUTH_POPUP_BLOCKED)}</p>
                <button type="button" on:click=move |_| auth.sign_in_same_tab()>{t(k::AUTH_SIGN_IN_HERE)}</button>
                <button type="button" class="secondary" on:click=move |_| auth.blocked.set(None)>{t(k::AUTH_CANCEL)}</button>
            </div>
        </Show>
        <Show when=move || auth.is_signed_in() && (auth.expired() || auth.expires_soon())>
            <div class="banner" role="alert" data-testid="session-banner">
                <p>
                    {move || if auth.expired() {
                        t(k::AUTH_SESSION_ENDED)
                    } else {
                        t(k::AUTH_SESSION_ENDING)
                    }}
                </p>
                <button type="button" id="continue-session" on:click=move |_| auth.renew()>
                    {t(k::AUTH_CONTINUE)}
                </button>
            </div>
        </Show>
    }
}

/// Shown in place of a feature that is signed out or lacks its permission.
#[component]
pub fn NeedsPermission(feature: Feature) -> impl IntoView {
    let auth = use_auth();
    move || {
        if auth.is_signed_in() {
            view! {
                <div class="permission">
                    <p>{tf(k::AUTH_NEEDS_PERMISSION, &[("purpose", feature.purpose())])}</p>
                    <button type="button" on:click=move |_| auth.sign_in(&[feature])>
                        {tf(k::AUTH_ALLOW, &[("purpose", feature.purpose())])}
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="permission">
                    <p>{tf(k::AUTH_SIGN_IN_TO, &[("purpose", feature.purpose())])}</p>
                    <button type="button" on:click=move |_| auth.sign_in(&[feature])>
                        {t(k::AUTH_SIGN_IN_GOOGLE)}
                    </button>
                </div>
            }
            .into_any()
        }
    }
}
