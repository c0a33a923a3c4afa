//! The configuration context: the deployment's `config.json` plus the client ID a user
//! pasted on the setup view, and the gate that shows setup until a client ID is known.

use leptos::prelude::*;

use crate::browser::storage;
use crate::config::Config;

/// localStorage key of a client ID pasted by the user on the setup view.
pub const CLIENT_ID_KEY: &str = "satchel.client_id";

/// The deployment's configuration plus the user's own client ID.
#[derive(Clone, Copy)]
pub struct AppConfig {
    pub config: StoredValue<Config>,
    pub stored_client_id: RwSignal<Option<String>>,
}

impl AppConfig {
    /// The deployment's `client_id` wins; otherwise the one the user pasted.
    pub fn client_id(&self) -> Option<String> {
        self.config
            .with_value(|c| c.client_id.clone())
            .or_else(|| self.stored_client_id.get())
    }

    pub fn deployment_sets_client_id(&self) -> bool {
        self.config.with_value(|c| c.client_id.is_some())
    }

    pub fn save_client_id(&self, id: Option<String>) {
        match &id {
            Some(id) => {
                storage::set(storage::Area::Local, CLIENT_ID_KEY, id);
            }
            None => storage::remove(storage::Area::Local, CLIENT_ID_KEY),
        }
        self.stored_client_id.set(id);
    }
}

pub fn use_app_config() -> AppConfig {
    expect_context::<AppConfig>()
}

impl AppConfig {
    /// Provides the configuration to everything below the caller.
    pub fn provide(config: Config) -> AppConfig {
        let app_config = AppConfig {
            config: StoredValue::new(config),
            stored_client_id: RwSignal::new(storage::get(storage::Area::Local, CLIENT_ID_KEY)),
        };
        provide_context(app_config);
        app_config
    }
}

/// Shows `setup` (the setup view, loaded lazily by the caller) instead of a feature until
/// a client ID is known. `setup` is a prop so this module needs no view module: the views
/// import it, not the other way round.
#[component]
pub fn NeedsClientId(setup: fn() -> AnyView, children: ChildrenFn) -> impl IntoView {
    let app_config = use_app_config();
    move || match app_config.client_id() {
        Some(_) => children().into_any(),
        None => setup(),
    }
}
