//! The credential chain against a local HTTP server that rejects every
//! attempt: the fetch must give up on its own (no prompt, no endless retry)
//! and its error must not reveal the token.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::fixture::Cache;
use crate::git::GitError;

/// Answers 401 to every request on 127.0.0.1 and records the
/// `Authorization` headers it was offered.
struct RejectingServer {
    port: u16,
    stop: Arc<AtomicBool>,
    authorizations: Arc<Mutex<Vec<String>>>,
    requests: Arc<Mutex<usize>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl RejectingServer {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let authorizations = Arc::new(Mutex::new(Vec::new()));
        let requests = Arc::new(Mutex::new(0));
        let thread = {
            let (stop, authorizations, requests) =
                (stop.clone(), authorizations.clone(), requests.clone());
            thread::spawn(move || {
                let deadline = Instant::now() + Duration::from_secs(30);
                while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                    let Ok((stream, _)) = listener.accept() else {
                        thread::sleep(Duration::from_millis(5));
                        continue;
                    };
                    stream.set_nonblocking(false).unwrap();
                    stream
                        .set_read_timeout(Some(Duration::from_secs(5)))
                        .unwrap();
                    let mut reader = BufReader::new(stream);
                    let mut line = String::new();
                    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                        if let Some(value) = line.strip_prefix("Authorization: ") {
                            authorizations
                                .lock()
                                .unwrap()
                                .push(value.trim().to_string());
                        }
                        line.clear();
                    }
                    *requests.lock().unwrap() += 1;
                    let mut stream = reader.into_inner();
                    let _ = stream.write_all(
                        b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"recon\"\r\n\
                          Content-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                }
            })
        };
        Self {
            port,
            stop,
            authorizations,
            requests,
            thread: Some(thread),
        }
    }
}

impl Drop for RejectingServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[test]
fn rejected_credentials_fail_fast_without_leaking_the_token() {
    let server = RejectingServer::start();
    let cache = Cache::new();
    let url = format!(
        "http://deploy:s3cr3t-token@127.0.0.1:{}/org/repo.git",
        server.port
    );
    let started = Instant::now();
    let err = cache.cache.open(&url).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );

    let shown = err.to_string();
    assert!(matches!(err, GitError::Clone { .. }), "{shown}");
    assert!(!shown.contains("s3cr3t"), "{shown}");
    assert!(!format!("{err:?}").contains("s3cr3t"), "{err:?}");
    assert!(shown.contains("deploy:***@127.0.0.1"), "{shown}");

    // The token from the URL was offered, and the chain then gave up.
    let offered = server.authorizations.lock().unwrap().clone();
    let expected = format!("Basic {}", base64("deploy:s3cr3t-token"));
    assert!(offered.contains(&expected), "{offered:?}");
    let requests = *server.requests.lock().unwrap();
    assert!(
        requests <= 6,
        "{requests} requests: the chain must not retry forever"
    );
}

/// Minimal standard base64 for the expected Basic header.
fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in text.as_bytes().chunks(3) {
        let bytes = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(bytes[0]) << 16) | (u32::from(bytes[1]) << 8) | u32::from(bytes[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
