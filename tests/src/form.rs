//! Form helpers: typing into fields, clicking, and Compose's fields.

use std::path::Path;
use std::time::Duration;

use fantoccini::Locator;
use serde_json::Value;

use crate::Browser;

/// Form helpers.
impl Browser {
    /// Clears the field `css` and types `text` into it.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.wait_for(css).await;
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    /// Types `text` into the field `css`, after what it holds.
    pub async fn send_keys(&self, css: &str, text: &str) {
        let field = self.wait_for(css).await;
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// Attaches these files in Compose, at once.
    pub async fn attach(&self, files: &[&Path]) {
        let paths: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        self.send_keys("#compose-files", &paths.join("\n")).await;
    }

    /// Fills Compose's To, Subject and body.
    pub async fn compose(&self, to: &str, subject: &str, body: &str) {
        self.type_into("#compose-to", to).await;
        self.type_into("#compose-subject", subject).await;
        self.type_into("#compose-body", body).await;
    }

    /// Clicks the element `css`, waiting up to 10 s for it. It is scrolled to the middle
    /// first: WebDriver scrolls it to the top, under the agenda's sticky day headings.
    pub async fn click(&self, css: &str) {
        let element = self.wait_for(css).await;
        self.center(&element).await;
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    async fn center(&self, element: &fantoccini::elements::Element) {
        let arg = serde_json::to_value(element).unwrap_or(Value::Null);
        let _ = self
            .client
            .execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg])
            .await;
    }

    /// Clicks the link whose text is `text`.
    pub async fn click_link(&self, text: &str) {
        self.client
            .find(Locator::LinkText(text))
            .await
            .unwrap_or_else(|e| panic!("no link {text:?}: {e}"))
            .click()
            .await
            .expect("click");
    }

    /// Clicks the button whose text is `text`, waiting up to 10 s for it.
    pub async fn click_text(&self, text: &str) {
        let button = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::XPath(&format!(
                "//button[normalize-space()='{text}']"
            )))
            .await
            .unwrap_or_else(|e| panic!("no button {text:?}: {e}"));
        self.center(&button).await;
        button.click().await.expect("click");
    }

    /// The value of the form field with this id.
    pub async fn value_of(&self, id: &str) -> String {
        self.eval_str(&format!("return document.getElementById('{id}').value"))
            .await
    }
}
