//! Going offline and back, as the Outbox tests need: chromedriver's `network_conditions`
//! (Chromium's DevTools network emulation: every request of the browser fails, and
//! `navigator.onLine` and the `online`/`offline` events follow), and DevTools' blocked URLs
//! to make one origin unreachable while the browser still believes it is online.

use serde_json::{json, Value};

use crate::Browser;

/// `DELETE /session/{id}/{path}`: chromedriver's way to end an emulation.
#[derive(Debug)]
struct ChromiumDelete {
    path: &'static str,
}

impl fantoccini::wd::WebDriverCompatibleCommand for ChromiumDelete {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/{}",
            session.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::DELETE, None)
    }
}

impl Browser {
    /// Cuts the browser off the network (`offline: true`), or ends the emulation.
    pub async fn set_offline(&self, offline: bool) {
        if offline {
            let body = json!({
                "network_conditions": {
                    "offline": true,
                    "latency": 0,
                    "download_throughput": -1,
                    "upload_throughput": -1,
                }
            });
            self.chromium("chromium/network_conditions", body).await;
        } else {
            self.client
                .issue_cmd(ChromiumDelete {
                    path: "chromium/network_conditions",
                })
                .await
                .unwrap_or_else(|e| panic!("chromedriver network_conditions DELETE: {e}"));
        }
    }

    /// Makes every URL starting with `prefix` fail as if unreachable (empty: none), while
    /// `navigator.onLine` stays true.
    pub async fn block_urls(&self, prefix: &str) {
        self.cdp("Network.enable", json!({})).await;
        let urls: Vec<String> = match prefix {
            "" => Vec::new(),
            p => vec![format!("{p}*")],
        };
        self.cdp("Network.setBlockedURLs", json!({ "urls": urls }))
            .await;
    }

    /// Whether a `fetch` of `url` from the page gets any answer.
    pub async fn can_fetch(&self, url: &str) -> bool {
        let script =
            format!("return fetch('{url}', {{cache: 'no-store'}}).then(() => true, () => false)");
        self.eval(&script).await == Value::Bool(true)
    }
}
