//! MIME types from filename extensions, for attachments whose type the browser did not give.

/// Used for unknown or missing extensions: "some bytes", which every client accepts.
pub const DEFAULT_MIME_TYPE: &str = "application/octet-stream";

/// Extension (lowercase) to MIME type, for the files people commonly attach.
const TABLE: &[(&str, &str)] = &[
    ("7z", "application/x-7z-compressed"),
    ("aac", "audio/aac"),
    ("avi", "video/x-msvideo"),
    ("avif", "image/avif"),
    ("bmp", "image/bmp"),
    ("bz2", "application/x-bzip2"),
    ("css", "text/css"),
    ("csv", "text/csv"),
    ("doc", "application/msword"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("eml", "message/rfc822"),
    ("epub", "application/epub+zip"),
    ("flac", "audio/flac"),
    ("gif", "image/gif"),
    ("gz", "application/gzip"),
    ("heic", "image/heic"),
    ("heif", "image/heif"),
    ("htm", "text/html"),
    ("html", "text/html"),
    ("ico", "image/vnd.microsoft.icon"),
    ("ics", "text/calendar"),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("js", "text/javascript"),
    ("json", "application/json"),
    ("key", "application/vnd.apple.keynote"),
    ("log", "text/plain"),
    ("m4a", "audio/mp4"),
    ("md", "text/markdown"),
    ("mid", "audio/midi"),
    ("mkv", "video/x-matroska"),
    ("mov", "video/quicktime"),
    ("mp3", "audio/mpeg"),
    ("mp4", "video/mp4"),
    ("mpeg", "video/mpeg"),
    ("numbers", "application/vnd.apple.numbers"),
    ("odp", "application/vnd.oasis.opendocument.presentation"),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("oga", "audio/ogg"),
    ("ogg", "audio/ogg"),
    ("ogv", "video/ogg"),
    ("opus", "audio/opus"),
    ("otf", "font/otf"),
    ("pages", "application/vnd.apple.pages"),
    ("pdf", "application/pdf"),
    ("png", "image/png"),
    ("ppt", "application/vnd.ms-powerpoint"),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("rar", "application/vnd.rar"),
    ("rtf", "application/rtf"),
    ("svg", "image/svg+xml"),
    ("tar", "application/x-tar"),
    ("tgz", "application/gzip"),
    ("tif", "image/tiff"),
    ("tiff", "image/tiff"),
    ("ttf", "font/ttf"),
    ("txt", "text/plain"),
    ("vcf", "text/vcard"),
    ("wav", "audio/wav"),
    ("weba", "audio/webm"),
    ("webm", "video/webm"),
    ("webp", "image/webp"),
    ("woff", "font/woff"),
    ("woff2", "font/woff2"),
    ("xls", "application/vnd.ms-excel"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("xml", "application/xml"),
    ("yaml", "application/yaml"),
    ("yml", "application/yaml"),
    ("zip", "application/zip"),
];

/// The MIME type for `filename`'s extension (case-insensitive), or
/// [`DEFAULT_MIME_TYPE`] when it has none or an unknown one.
pub fn mime_type_for(filename: &str) -> &'static str {
    // Only the last path component counts: "a.d/file" has no extension.
    let base = filename.rsplit(['/', '\\']).next().unwrap_or(filename);
    let Some((stem, ext)) = base.rsplit_once('.') else {
        return DEFAULT_MIME_TYPE;
    };
    if stem.is_empty() || ext.len() > 8 {
        // ".bashrc" is a name, not an extension.
        return DEFAULT_MIME_TYPE;
    }
    let ext = ext.to_ascii_lowercase();
    TABLE
        .binary_search_by(|(e, _)| e.cmp(&ext.as_str()))
        .map_or(DEFAULT_MIME_TYPE, |i| TABLE[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(TABLE.len() >= 60);
    }

    #[test]
    fn known_extensions() {
        assert_eq!(mime_type_for("report.PDF"), "application/pdf");
        assert_eq!(mime_type_for("photo.jpeg"), "image/jpeg");
        assert_eq!(mime_type_for("photo.JPG"), "image/jpeg");
        assert_eq!(mime_type_for("IMG_0001.HEIC"), "image/heic");
        assert_eq!(mime_type_for("archive.tar.gz"), "application/gzip");
        assert_eq!(mime_type_for("invite.ics"), "text/calendar");
        assert_eq!(mime_type_for("Έκθεση.docx"), TABLE[9].1);
    }

    #[test]
    fn unknown_or_missing_extension() {
        for name in [
            "README",
            "data.xyz123",
            "",
            ".",
            "trailing.",
            ".bashrc",
            "dir.d/file",
            "a.verylongext",
        ] {
            assert_eq!(mime_type_for(name), DEFAULT_MIME_TYPE, "{name}");
        }
    }
}
