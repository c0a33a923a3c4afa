//! Files the user picked or dropped (`File`, `FileList`), read into memory.

use crate::i18n::{k, tf};

/// The files of a `FileList` (from `<input type=file>` or a drop).
pub fn list(files: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..files.length()).filter_map(|i| files.item(i)).collect()
}

/// The whole content of `file`. One copy lands in WASM memory, at its exact size.
pub async fn read(file: &web_sys::File) -> Result<Vec<u8>, String> {
    super::blob::bytes(file)
        .await
        .map_err(|_| tf(k::APP_FILE_UNREADABLE, &[("name", &file.name())]))
}
