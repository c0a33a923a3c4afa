//! `colors.get`: Google Calendar's fixed palettes.

use serde_json::{json, Map, Value};

use crate::errors::ApiError;
use crate::handler::{Ctx, Reply};

pub const CALENDAR_COLORS: [&str; 24] = [
    "#ac725e", "#d06b64", "#f83a22", "#fa573c", "#ff7537", "#ffad46", "#42d692", "#16a765",
    "#7bd148", "#b3dc6c", "#fbe983", "#fad165", "#92e1c0", "#9fe1e7", "#9fc6e7", "#4986e7",
    "#9a9cff", "#b99aff", "#c2c2c2", "#cabdbf", "#cca6ac", "#f691b2", "#cd74e6", "#a47ae2",
];

pub const EVENT_COLORS: [&str; 11] = [
    "#a4bdfc", "#7ae7bf", "#dbadff", "#ff887c", "#fbd75b", "#ffb878", "#46d6db", "#e1e1e1",
    "#5484ed", "#51b749", "#dc2127",
];

fn palette(colors: &[&str]) -> Value {
    let mut map = Map::new();
    for (i, c) in colors.iter().enumerate() {
        map.insert(
            (i + 1).to_string(),
            json!({ "background": c, "foreground": "#1d1d1d" }),
        );
    }
    Value::Object(map)
}

pub fn get(_ctx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    Ok(Reply::Json(json!({
        "kind": "calendar#colors",
        "updated": "2012-02-14T00:00:00.000Z",
        "calendar": palette(&CALENDAR_COLORS),
        "event": palette(&EVENT_COLORS),
    })))
}
