//! The Calendar view's state and its Google calls: the calendar list, then every shown
//! calendar's events for the chosen range, fetched together.
//!
//! A hand-rolled loader rather than a `LocalResource`, because calendars come and go one by
//! one: hiding one must not refetch the others, and showing one again fetches only it.
//! The agenda on screen is replaced only once a whole new load has arrived, so a refresh
//! keeps it visible (what `Transition` would do) while `pending` says "Refreshing…".

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::editor::state::EditorState;
use super::fetch::{fetch_calendar_list, fetch_events, join_all};
use super::offline;
pub use super::window::{Range, Window};
use crate::browser::{perf, storage, time};
use crate::calendar::shown::{choose, is_shown};
use crate::calendar::{CalendarEvents, CalendarListEntry, Event};
use crate::time::Date;
use crate::ui::auth::Auth;
use crate::ui::google::ApiError;

/// localStorage: the ids of the calendars the user hid, as a JSON list.
const HIDDEN_KEY: &str = "satchel.calendar.hidden";
/// localStorage: the ids of the calendars the user ticked here (those unticked in Google
/// Calendar start hidden until then), as a JSON list.
const SHOWN_KEY: &str = "satchel.calendar.shown";
/// localStorage: the range last chosen (its number of days).
const RANGE_KEY: &str = "satchel.calendar.range";
/// A server that never stops handing out page tokens must not keep us looping.
pub(super) const MAX_PAGES: usize = 40;

/// What one load brought: events of the calendars fetched, and those that failed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub window: Window,
    pub calendars: Vec<CalendarEvents>,
    /// (calendar id, why) for calendars whose events could not be fetched.
    pub failed: Vec<(String, String)>,
}

impl Loaded {
    fn has(&self, id: &str) -> bool {
        self.calendars.iter().any(|c| c.calendar_id == id)
            || self.failed.iter().any(|(f, _)| f == id)
    }

    fn add(&mut self, id: String, result: Result<CalendarEvents, ApiError>) {
        match result {
            Ok(events) => self.calendars.push(events),
            Err(e) => self.failed.push((id, e.to_string())),
        }
    }
}

#[derive(Clone, Copy)]
pub struct CalendarState {
    pub auth: Auth,
    calendar_root: StoredValue<String>,
    /// The user's calendars; `Err` when the list itself could not be fetched.
    pub list: RwSignal<Option<Result<Vec<CalendarListEntry>, String>>>,
    pub loaded: RwSignal<Option<Loaded>>,
    /// Loads in flight.
    pub pending: RwSignal<u32>,
    /// The user's choices here: calendars hidden, and calendars shown (see `calendar::shown`).
    hidden: RwSignal<Vec<String>>,
    shown: RwSignal<Vec<String>>,
    pub range: RwSignal<Range>,
    /// Bumped by every full load, so an older one finishing late is dropped.
    generation: StoredValue<u32>,
    /// The event form (New event, Edit).
    pub editor: EditorState,
    /// The day chosen with "Jump to date"; `None`: from today.
    pub jumped_to: RwSignal<Option<Date>>,
    /// The agenda on screen is the copy kept offline, loaded at this time (UTC ms).
    pub offline_since: RwSignal<Option<i64>>,
}

impl CalendarState {
    pub fn new(auth: Auth, calendar_root: String) -> CalendarState {
        let ids = |key| {
            storage::get(storage::Area::Local, key)
                .and_then(|t| serde_json::from_str::<Vec<String>>(&t).ok())
                .unwrap_or_default()
        };
        CalendarState {
            auth,
            calendar_root: StoredValue::new(calendar_root),
            list: RwSignal::new(None),
            loaded: RwSignal::new(None),
            pending: RwSignal::new(0),
            hidden: RwSignal::new(ids(HIDDEN_KEY)),
            shown: RwSignal::new(ids(SHOWN_KEY)),
            range: RwSignal::new(
                storage::get(storage::Area::Local, RANGE_KEY)
                    .and_then(|d| Range::from_days(&d))
                    .unwrap_or_default(),
            ),
            generation: StoredValue::new(0),
            editor: EditorState::new(),
            jumped_to: RwSignal::new(None),
            offline_since: RwSignal::new(None),
        }
    }

    pub fn root(&self) -> String {
        self.calendar_root.get_value()
    }

    /// Whether the calendar is hidden (tracked: the list and the user's choices).
    pub fn is_hidden(&self, id: &str) -> bool {
        let selected = self.list.with(|l| selected_in(l, id));
        self.hidden
            .with(|h| self.shown.with(|s| !is_shown(id, selected, h, s)))
    }

    /// The ids of the listed calendars that are hidden (tracked).
    pub fn hidden_ids(&self) -> Vec<String> {
        let ids: Vec<String> = self.list.with(|l| {
            l.iter()
                .flatten()
                .flatten()
                .filter_map(|e| e.id.clone())
                .collect()
        });
        ids.into_iter().filter(|id| self.is_hidden(id)).collect()
    }

    /// The calendar's entry in the list (name and colour), if known.
    pub fn entry(&self, id: &str) -> Option<CalendarListEntry> {
        self.list.with(|l| {
            l.as_ref()?
                .as_ref()
                .ok()?
                .iter()
                .find(|e| e.id.as_deref() == Some(id))
                .cloned()
        })
    }

    /// Where quick-added events go.
    pub fn primary_id(&self) -> String {
        self.list
            .with_untracked(|l| {
                let entries = l.as_ref()?.as_ref().ok()?;
                entries
                    .iter()
                    .find(|e| e.primary)
                    .and_then(|e| e.id.clone())
            })
            .unwrap_or_else(|| "primary".into())
    }

    /// Shows another range (remembered for next time) and loads it.
    pub fn set_range(self, range: Range) {
        if self.range.get_untracked() != range {
            self.range.set(range);
            storage::set(storage::Area::Local, RANGE_KEY, &range.days().to_string());
            self.reload(false);
        }
    }

    /// Reloads in the background: the calendar list too when `with_list` (or when it is
    /// missing), then every shown calendar for the current range.
    pub fn reload(self, with_list: bool) {
        spawn_local(async move {
            self.pending.update(|n| *n += 1);
            self.load(with_list).await;
            self.pending.update(|n| *n = n.saturating_sub(1));
        });
    }

    async fn load(self, with_list: bool) {
        let generation = self.generation.get_value().wrapping_add(1);
        self.generation.set_value(generation);
        let have_list = self.list.with_untracked(|l| matches!(l, Some(Ok(_))));
        if with_list || !have_list {
            let list = fetch_calendar_list(self.auth, &self.root()).await;
            if self.generation.get_value() != generation {
                return;
            }
            if let Err(e) = &list {
                if offline::is_offline(e) && self.show_kept() {
                    return;
                }
            }
            let failed = list.is_err();
            self.list.set(Some(list.map_err(|e| e.to_string())));
            if failed {
                return; // said in place; the agenda already on screen stays
            }
        }
        let entries: Vec<CalendarListEntry> = self
            .list
            .with_untracked(|l| l.clone().and_then(Result::ok))
            .unwrap_or_default()
            .into_iter()
            .filter(|e| {
                e.id.as_deref()
                    .is_some_and(|id| !self.is_hidden_untracked(id))
            })
            .collect();
        let window = Window::new(
            self.range.get_untracked(),
            time::now_ms(),
            self.jumped_to.get_untracked(),
        );
        let root = self.root();
        let auth = self.auth;
        let fetches = entries
            .iter()
            .map(|e| fetch_events(auth, root.clone(), calendar_of(e), window));
        let results = join_all(fetches.collect()).await;
        if self.generation.get_value() != generation {
            return;
        }
        let offline = !results.is_empty()
            && results
                .iter()
                .all(|r| r.as_ref().is_err_and(offline::is_offline));
        if offline && self.show_kept() {
            return;
        }
        let mut loaded = Loaded {
            window,
            ..Loaded::default()
        };
        for (entry, result) in entries.into_iter().zip(results) {
            loaded.add(entry.id.unwrap_or_default(), result);
        }
        // For the benchmark: grouping and rendering start here (see `agenda_list`).
        perf::mark("satchel-agenda-fetched");
        self.offline_since.set(None);
        self.loaded.set(Some(loaded));
        self.keep_for_offline(window);
        // Calendars shown while this load was under way.
        let missing: Vec<String> = self.list.with_untracked(|l| {
            l.iter()
                .flatten()
                .flatten()
                .filter_map(|e| e.id.clone())
                .filter(|id| !self.is_hidden_untracked(id))
                .filter(|id| {
                    !self
                        .loaded
                        .with_untracked(|l| l.as_ref().is_some_and(|l| l.has(id)))
                })
                .collect()
        });
        for id in missing {
            self.fetch_one(id);
        }
    }

    /// Keeps the agenda just loaded for offline use when the browser is next idle, so
    /// writing it (a month of events is a few hundred KB) never delays the agenda.
    fn keep_for_offline(self, window: Window) {
        let Some(email) = self.auth.email_untracked() else {
            return;
        };
        let saved_ms = time::now_ms();
        let keep = move || {
            self.list.with_untracked(|list| {
                self.loaded.with_untracked(|loaded| {
                    if let (Some(Ok(list)), Some(loaded)) = (list, loaded) {
                        if loaded.window == window {
                            offline::keep(&email, saved_ms, list, loaded);
                        }
                    }
                })
            });
        };
        let later = wasm_bindgen::closure::Closure::once_into_js(keep.clone());
        let idle = web_sys::window().map(|w| w.request_idle_callback(later.unchecked_ref()));
        if !matches!(idle, Some(Ok(_))) {
            set_timeout(keep, std::time::Duration::from_millis(500));
        }
    }

    /// Puts the account's kept agenda on screen, when there is one (no network).
    fn show_kept(&self) -> bool {
        let Some(kept) = self.auth.email_untracked().and_then(|e| offline::kept(&e)) else {
            return false;
        };
        self.offline_since.set(Some(kept.saved_ms));
        self.list.set(Some(Ok(kept.list.clone())));
        self.loaded.set(Some(kept.loaded()));
        true
    }

    fn is_hidden_untracked(&self, id: &str) -> bool {
        untrack(|| self.is_hidden(id))
    }

    /// Shows or hides a calendar, remembering the choice. Hiding only filters what is on
    /// screen; showing fetches that one calendar if it was not loaded.
    pub fn set_shown(self, id: String, shown: bool) {
        self.hidden
            .update(|h| self.shown.update(|s| choose(&id, shown, h, s)));
        for (key, ids) in [(HIDDEN_KEY, self.hidden), (SHOWN_KEY, self.shown)] {
            let json = ids.with_untracked(|ids| serde_json::to_string(ids).unwrap_or_default());
            storage::set(storage::Area::Local, key, &json);
        }
        if shown
            && self
                .loaded
                .with_untracked(|l| l.as_ref().is_some_and(|l| !l.has(&id)))
        {
            self.fetch_one(id);
        }
    }

    /// Fetches one calendar into the agenda on screen (same window), e.g. to try again.
    pub fn fetch_one(self, id: String) {
        let Some(window) = self.loaded.with_untracked(|l| l.as_ref().map(|l| l.window)) else {
            return;
        };
        self.loaded.update(|l| {
            if let Some(l) = l {
                l.failed.retain(|(f, _)| *f != id);
            }
        });
        let calendar = self
            .entry_untracked(&id)
            .map(|e| calendar_of(&e))
            .unwrap_or_else(|| CalendarEvents::new(id.clone(), None));
        let (auth, root) = (self.auth, self.root());
        spawn_local(async move {
            self.pending.update(|n| *n += 1);
            let result = fetch_events(auth, root, calendar, window).await;
            self.loaded.update(|l| {
                if let Some(l) = l.as_mut().filter(|l| l.window == window && !l.has(&id)) {
                    l.add(id, result);
                }
            });
            self.pending.update(|n| *n = n.saturating_sub(1));
        });
    }

    fn entry_untracked(&self, id: &str) -> Option<CalendarListEntry> {
        untrack(|| self.entry(id))
    }

    /// Puts a newly created event on screen without a reload.
    pub fn insert(&self, calendar_id: &str, event: Event) {
        self.loaded.update(|l| {
            if let Some(cal) = l.as_mut().and_then(|l| {
                l.calendars
                    .iter_mut()
                    .find(|c| c.calendar_id == calendar_id)
            }) {
                cal.events.push(event);
            }
        });
    }
}

/// Google's tick for a calendar; one not (yet) on the list counts as ticked.
fn selected_in(list: &Option<Result<Vec<CalendarListEntry>, String>>, id: &str) -> bool {
    list.as_ref()
        .and_then(|l| l.as_ref().ok())
        .and_then(|entries| entries.iter().find(|e| e.id.as_deref() == Some(id)))
        .is_none_or(|e| e.selected)
}

/// An empty calendar of the agenda for a list entry: its id, colour and access.
fn calendar_of(entry: &CalendarListEntry) -> CalendarEvents {
    let mut calendar = CalendarEvents::new(
        entry.id.clone().unwrap_or_default(),
        entry.background_color.clone(),
    );
    calendar.free_busy = entry.free_busy_only();
    calendar
}
