//! Fetching `config.json` from beside the page.

use crate::browser::http;
use crate::config::{parse_config, Config, ConfigError};

/// Fetches and parses the configuration at `url`. Never fails: a problem becomes a message
/// and the defaults stand, so the shell always renders.
pub async fn load(url: String) -> (Config, Option<String>) {
    let problem = match http::get(&url).await {
        Ok(reply) if reply.status == 404 => ConfigError::Unavailable(
            "not found next to the page; Google's endpoints are used".into(),
        ),
        Ok(reply) if !reply.is_success() => {
            ConfigError::Unavailable(format!("HTTP status {}", reply.status))
        }
        Ok(reply) => match parse_config(&reply.body) {
            Ok(config) => return (config, None),
            Err(e) => e,
        },
        Err(e) => ConfigError::Unavailable(e.to_string()),
    };
    (Config::default(), Some(problem.to_string()))
}
