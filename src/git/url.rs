//! Repository URL handling: redaction of secrets, credentials embedded in the
//! userinfo, and the stable cache-directory name of a repository.
//!
//! Tokens are routinely put in HTTPS URLs (`https://x-access-token:TOKEN@…`),
//! so every message that may show a URL goes through [`redact_url`] or
//! [`redact_text`].

use std::ops::Range;

/// Replacement shown instead of a secret.
const MASK: &str = "***";

/// Secrets shorter than this are not searched for inside free text: masking
/// every "a" of a message would garble it, and such strings are no real token.
const MIN_SECRET_LEN_FOR_TEXT_SCAN: usize = 4;

/// Removes any password or token from the userinfo of `url`.
///
/// `https://user:tok@host/x` → `https://user:***@host/x`; for http(s) a lone
/// user (`https://tok@host/x`) is a token by convention → `https://***@host/x`.
/// An ssh user name (`git@host:path`, `ssh://git@host/x`) is not a secret and
/// is kept. Strings without userinfo are returned unchanged.
pub fn redact_url(url: &str) -> String {
    let Some(info) = Userinfo::parse(url) else {
        return url.to_string();
    };
    let masked = match (info.password, info.is_http) {
        (Some(_), _) => format!("{}:{MASK}", info.user),
        (None, true) => MASK.to_string(),
        (None, false) => return url.to_string(),
    };
    format!(
        "{}{masked}{}",
        &url[..info.range.start],
        &url[info.range.end..]
    )
}

/// Masks `raw_url` and its secret wherever they appear in `text` (typically a
/// libgit2 error message, which may echo the URL it was given).
pub(crate) fn redact_text(text: &str, raw_url: &str) -> String {
    let mut out = if raw_url.is_empty() {
        text.to_string()
    } else {
        text.replace(raw_url, &redact_url(raw_url))
    };
    if let Some(secret) = Userinfo::parse(raw_url).and_then(|info| info.secret())
        && secret.len() >= MIN_SECRET_LEN_FOR_TEXT_SCAN
    {
        out = out.replace(secret, MASK);
        let decoded = percent_decode(secret);
        if decoded != secret && decoded.len() >= MIN_SECRET_LEN_FOR_TEXT_SCAN {
            out = out.replace(&decoded, MASK);
        }
    }
    out
}

/// User name and password written in the URL, percent-decoded, for the
/// credential callback. `None` when the URL carries no userinfo.
pub(crate) fn url_credentials(url: &str) -> Option<(String, Option<String>)> {
    let info = Userinfo::parse(url)?;
    Some((percent_decode(info.user), info.password.map(percent_decode)))
}

/// The URL without its userinfo: identifies the repository independently of
/// who accesses it, so a rotated token reuses the same cache directory.
pub(crate) fn without_userinfo(url: &str) -> String {
    match Userinfo::parse(url) {
        // `range.end` is the '@'; drop it together with the userinfo.
        Some(info) => format!("{}{}", &url[..info.range.start], &url[info.range.end + 1..]),
        None => url.to_string(),
    }
}

/// True for `host:path` / `user@host:path` (scp-like ssh syntax), which git
/// recognises by a ':' before any '/'. One-letter prefixes are drive letters.
pub(crate) fn is_scp_like(url: &str) -> bool {
    if url.contains("://") {
        return false;
    }
    match url.find(':') {
        Some(colon) => colon > 1 && !url[..colon].contains('/'),
        None => false,
    }
}

/// Cache directory name for a repository: readable host/path plus a hash of
/// the credential-free URL, so distinct URLs never collide and no secret ever
/// reaches the file system.
pub(crate) fn cache_dir_name(url: &str) -> String {
    const MAX_READABLE_LEN: usize = 80;
    let identity = without_userinfo(url);
    let readable_source = match identity.find("://") {
        Some(i) => &identity[i + 3..],
        None => identity.as_str(),
    };
    let mut readable = String::with_capacity(readable_source.len());
    for ch in readable_source.chars() {
        let safe = if ch.is_ascii_alphanumeric() || ch == '.' || ch == '_' {
            ch
        } else {
            '-'
        };
        // Collapse runs of separators so names stay short and legible.
        if !(safe == '-' && readable.ends_with('-')) {
            readable.push(safe);
        }
    }
    let mut readable = readable.trim_matches(['-', '.']).to_string();
    readable.truncate(MAX_READABLE_LEN);
    if readable.is_empty() {
        readable.push_str("repo");
    }
    format!("{readable}-{:016x}", fnv1a_64(identity.as_bytes()))
}

/// FNV-1a: tiny and stable across Rust releases (unlike `DefaultHasher`),
/// which matters because the hash names directories that outlive the process.
fn fnv1a_64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Decodes `%XX` escapes; malformed escapes are kept literally.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let decoded = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match decoded {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The userinfo part of a URL (`user[:password]` before '@').
struct Userinfo<'a> {
    /// Byte range of the userinfo inside the URL (the '@' is at `range.end`).
    range: Range<usize>,
    user: &'a str,
    password: Option<&'a str>,
    is_http: bool,
}

impl<'a> Userinfo<'a> {
    fn parse(url: &'a str) -> Option<Self> {
        let (authority_start, scheme) = match url.find("://") {
            Some(i) => (i + 3, url[..i].to_ascii_lowercase()),
            None => (0, String::new()),
        };
        let rest = &url[authority_start..];
        let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        // The last '@' ends the userinfo: an unencoded '@' in a password must
        // still be hidden.
        let at = rest[..authority_len].rfind('@')?;
        let userinfo = &rest[..at];
        let (user, password) = match userinfo.split_once(':') {
            Some((user, password)) => (user, Some(password)),
            None => (userinfo, None),
        };
        Some(Self {
            range: authority_start..authority_start + at,
            user,
            password,
            is_http: scheme == "http" || scheme == "https",
        })
    }

    /// The part of the userinfo that must never be shown.
    fn secret(&self) -> Option<&'a str> {
        match (self.password, self.is_http) {
            (Some(password), _) if !password.is_empty() => Some(password),
            (None, true) if !self.user.is_empty() => Some(self.user),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_password_and_keeps_user() {
        assert_eq!(
            redact_url("https://user:tok@host/x"),
            "https://user:***@host/x"
        );
        assert_eq!(
            redact_url("http://u:p@h:8080/a?b"),
            "http://u:***@h:8080/a?b"
        );
        assert_eq!(redact_url("ssh://git:pw@host/x"), "ssh://git:***@host/x");
    }

    #[test]
    fn redacts_lone_http_token_but_not_ssh_user() {
        assert_eq!(redact_url("https://tok@host/x"), "https://***@host/x");
        assert_eq!(redact_url("ssh://git@host/x"), "ssh://git@host/x");
        assert_eq!(
            redact_url("git@github.com:o/r.git"),
            "git@github.com:o/r.git"
        );
    }

    #[test]
    fn leaves_urls_without_userinfo_alone() {
        for url in [
            "https://host/x",
            "file:///tmp/a@b/repo",
            "/srv/a@b",
            "git://h/x",
            "",
        ] {
            assert_eq!(redact_url(url), url);
        }
    }

    #[test]
    fn hides_unencoded_at_in_password() {
        assert_eq!(redact_url("https://u:p@ss@host/x"), "https://u:***@host/x");
    }

    #[test]
    fn redact_text_masks_url_and_bare_secret() {
        let raw = "https://user:s3cr%40t@host/x";
        let text = format!("failed for {raw}; token s3cr@t rejected; s3cr%40t");
        let out = redact_text(&text, raw);
        assert!(!out.contains("s3cr"), "{out}");
        assert!(out.contains("https://user:***@host/x"), "{out}");
    }

    #[test]
    fn credentials_are_percent_decoded() {
        assert_eq!(
            url_credentials("https://me:a%2Fb@h/x"),
            Some(("me".to_string(), Some("a/b".to_string())))
        );
        assert_eq!(url_credentials("https://h/x"), None);
    }

    #[test]
    fn cache_dir_name_hides_secret_and_ignores_token() {
        let with_token = cache_dir_name("https://user:secret@example.com/org/repo.git");
        let other_token = cache_dir_name("https://user:other@example.com/org/repo.git");
        assert!(!with_token.contains("secret"), "{with_token}");
        assert!(
            with_token.starts_with("example.com-org-repo.git-"),
            "{with_token}"
        );
        assert_eq!(with_token, other_token);
        assert_ne!(
            with_token,
            cache_dir_name("https://example.com/org/other.git")
        );
    }

    #[test]
    fn scp_like_detection() {
        assert!(is_scp_like("git@github.com:org/repo.git"));
        assert!(is_scp_like("host:repo"));
        assert!(!is_scp_like("ssh://git@host/x"));
        assert!(!is_scp_like("/tmp/a:b"));
        assert!(!is_scp_like("C:/repo"));
        assert!(!is_scp_like("relative/path"));
    }
}
