//! The agenda's day sections and rows, built straight in the DOM.
//!
//! A busy month is thousands of rows. Made with `view!`, each row cost some thirty calls
//! from WebAssembly into the DOM plus its own reactive bookkeeping (measured: 2,500 rows in
//! about 240 ms). Here a row is one `cloneNode` of a prepared row and a handful of text and
//! attribute sets. Everything goes in as text (`textContent`, `setAttribute`): no markup is
//! ever parsed, so nothing in an event can become HTML.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

use crate::calendar::row::Row;
use crate::i18n::{k, t, tf};

/// Prepared, detached nodes that every section and row is cloned from.
pub struct Builder {
    doc: Document,
    section: Element,
    row: Element,
    now_line: Element,
    declined: Element,
    kind: Element,
    zone_when: Element,
    day_label: Element,
    place: Element,
    video: Element,
    open: Element,
    /// A day heading's "New event on …" button.
    add: Element,
}

/// A day section and the list its rows go into.
pub struct DaySection {
    pub section: Element,
    pub list: Element,
}

impl Builder {
    pub fn new() -> Option<Builder> {
        let doc = web_sys::window()?.document()?;
        let make = |tag: &str, attributes: &[(&str, &str)]| -> Option<Element> {
            let element = doc.create_element(tag).ok()?;
            for (name, value) in attributes {
                element.set_attribute(name, value).ok()?;
            }
            Some(element)
        };
        // <section class="day"><h2></h2><ul class="events"></ul></section>
        let section = make("section", &[("class", "day")])?;
        append(&section, &make("h2", &[])?)?;
        append(&section, &make("ul", &[("class", "events")])?)?;
        // <li class="event"><span class="when"></span><button class="title"></button></li>
        let row = make("li", &[("class", "event")])?;
        append(&row, &make("span", &[("class", "when")])?)?;
        let title = make(
            "button",
            &[
                ("type", "button"),
                ("class", "title"),
                ("dir", "auto"),
                ("aria-expanded", "false"),
            ],
        )?;
        row.append_child(&title).ok()?;
        let now_line = make(
            "li",
            &[
                ("class", "now"),
                ("role", "separator"),
                ("aria-label", t(k::CAL_NOW)),
            ],
        )?;
        let declined = make("span", &[("class", "declined-label")])?;
        declined.set_text_content(Some(t(k::CAL_DECLINED)));
        let kind = make("span", &[("class", "kind-label")])?;
        // It names the event's zone by its city, as Google sends it (not translated).
        let zone_when = make("span", &[("class", "zone-when"), ("dir", "auto")])?;
        let day_label = make("p", &[("class", "working-location"), ("dir", "auto")])?;
        let place = make("span", &[("class", "where"), ("dir", "auto")])?;
        let link = |class: &str, text: &str| {
            let a = make(
                "a",
                &[("class", class), ("target", "_blank"), ("rel", "noopener")],
            )?;
            a.set_text_content(Some(text));
            Some(a)
        };
        let add = make(
            "button",
            &[("type", "button"), ("class", "day-add secondary")],
        )?;
        add.set_text_content(Some("+"));
        let video = link("video", t(k::CAL_JOIN_VIDEO))?;
        let open = link("open", t(k::CAL_OPEN_IN_GOOGLE))?;
        Some(Builder {
            doc,
            section,
            row,
            now_line,
            declined,
            kind,
            zone_when,
            day_label,
            place,
            video,
            open,
            add,
        })
    }

    /// `<section class="day" data-date=…><h2><span class="relative">Today</span>
    /// <span class="long">Monday 23 November</span></h2><ul class="events"></ul></section>`
    pub fn day(&self, date: &str, relative: Option<&str>, long: &str) -> Option<DaySection> {
        let section = clone(&self.section)?;
        section.set_attribute("data-date", date).ok()?;
        let heading = section.first_element_child()?;
        if let Some(relative) = relative {
            append(&heading, &self.span("relative", relative)?)?;
            heading.append_child(&self.doc.create_text_node(" ")).ok()?;
        }
        append(&heading, &self.span("long", long)?)?;
        let list = heading.next_element_sibling()?;
        // After the heading, not in it: the heading stays the day's name alone.
        let add = clone(&self.add)?;
        add.set_attribute("aria-label", &tf(k::CAL_NEW_EVENT_ON, &[("date", long)]))
            .ok()?;
        add.set_attribute("data-date", date).ok()?;
        section.insert_before(&add, Some(&list)).ok()?;
        Some(DaySection { section, list })
    }

    /// One event row.
    pub fn row(&self, row: &Row) -> Option<Element> {
        let li = clone(&self.row)?;
        let class = row.class();
        if class != "event" {
            li.set_attribute("class", &class).ok()?;
        }
        li.set_attribute("data-event-id", &row.event_id).ok()?;
        li.set_attribute("data-calendar-id", &row.calendar_id)
            .ok()?;
        if let Some(color) = &row.color {
            // The calendar's colour is the row's left edge. Through the CSSOM: the page's CSP
            // refuses `style` attributes (and reports each refusal, slowly).
            li.unchecked_ref::<HtmlElement>()
                .style()
                .set_property("border-inline-start-color", color)
                .ok()?;
        }
        let when = li.first_element_child()?;
        when.set_text_content(Some(&row.when));
        when.next_element_sibling()?
            .set_text_content(Some(&row.title));
        if let Some(zone_when) = &row.zone_when {
            append(&li, &self.text(&self.zone_when, zone_when)?)?;
        }
        if let Some(kind) = row.kind_label {
            append(&li, &self.text(&self.kind, kind)?)?;
        }
        if row.declined {
            append(&li, &clone(&self.declined)?)?;
        }
        if let Some(place) = &row.location {
            let span = clone(&self.place)?;
            span.set_text_content(Some(place));
            append(&li, &span)?;
        }
        for (url, template) in [(&row.video_link, &self.video), (&row.open_link, &self.open)] {
            if let Some(url) = url {
                let a = clone(template)?;
                a.set_attribute("href", url).ok()?;
                append(&li, &a)?;
            }
        }
        Some(li)
    }

    /// A working location under the day's heading: `<p class="working-location">`, before
    /// the day's rows.
    pub fn day_label(&self, day: &DaySection, text: &str) -> Option<()> {
        let label = self.text(&self.day_label, text)?;
        day.section
            .insert_before(&label, Some(&day.list))
            .ok()
            .map(drop)
    }

    /// A copy of `template` holding `text`.
    fn text(&self, template: &Element, text: &str) -> Option<Element> {
        let element = clone(template)?;
        element.set_text_content(Some(text));
        Some(element)
    }

    /// The "now" line between today's rows.
    pub fn now_line(&self) -> Option<Element> {
        clone(&self.now_line)
    }

    fn span(&self, class: &str, text: &str) -> Option<Element> {
        let span = self.doc.create_element("span").ok()?;
        span.set_attribute("class", class).ok()?;
        span.set_text_content(Some(text));
        Some(span)
    }
}

fn append(parent: &Element, child: &Element) -> Option<()> {
    parent.append_child(child).ok().map(drop)
}

/// A deep copy. Unchecked: the copy of an element is an element (and a check is one more
/// call into JS per node, thousands of times over).
fn clone(template: &Element) -> Option<Element> {
    Some(template.clone_node_with_deep(true).ok()?.unchecked_into())
}
