//! Fetching `config.json` from beside the page.

use crate::browser::http;
use crate::config::{parse_config, Config, ConfigError};
use crate::i18n::{k, t, tf};

/// Fetches and parses the configuration at `url`. Never fails: a problem becomes a message
/// and the defaults stand, so the shell always renders.
pub async fn load(url: String) -> (Config, Option<String>) {
    let problem = match http::get(&url).await {
        Ok(reply) if reply.status == 404 => {
            ConfigError::Unavailable(t(k::APP_CONFIG_MISSING).into())
        }
        Ok(reply) if !reply.is_success() => ConfigError::Unavailable(tf(
            k::APP_CONFIG_STATUS,
            &[("status", &reply.status.to_string())],
        )),
        Ok(reply) => match parse_config(&reply.body) {
            Ok(config) => return (config, None),
            Err(e) => e,
        },
        Err(e) => ConfigError::Unavailable(e.to_string()),
    };
    (Config::default(), Some(problem.to_string()))
}
