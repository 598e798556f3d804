//! A slow link for console tests: runs PROGRAM in a pseudo-terminal of its
//! own and relays its terminal both ways with DELAY_MS added to each
//! direction (as an SSH session over a slow link does), keeping the bytes'
//! order. After each chunk written to the screen it rewrites STATS_FILE
//! with "BYTES CHUNKS": what the program wrote, and in how many writes.
//!
//! Usage: slow_link DELAY_MS STATS_FILE PROGRAM [ARGS...]

use std::ffi::CString;
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use nix::pty::{ForkptyResult, Winsize, forkpty};
use nix::sys::termios::{SetArg, cfmakeraw, tcgetattr, tcsetattr};

nix::ioctl_read_bad!(window_size, libc::TIOCGWINSZ, Winsize);

/// Copies `from` to `to`, each chunk held back by `delay`; calls `wrote`
/// after each chunk is written.
fn delayed(
    mut from: impl Read + Send + 'static,
    mut to: impl Write + Send + 'static,
    delay: Duration,
    mut wrote: impl FnMut(usize) + Send + 'static,
) -> std::thread::JoinHandle<()> {
    let (tx, rx) = mpsc::channel::<(Instant, Vec<u8>)>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0
                || tx
                    .send((Instant::now() + delay, buf[..n].to_vec()))
                    .is_err()
            {
                break;
            }
        }
    });
    std::thread::spawn(move || {
        for (due, chunk) in rx {
            std::thread::sleep(due.saturating_duration_since(Instant::now()));
            if to.write_all(&chunk).and_then(|_| to.flush()).is_err() {
                break;
            }
            wrote(chunk.len());
        }
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(delay), Some(stats), Some(_)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: slow_link DELAY_MS STATS_FILE PROGRAM [ARGS...]");
        std::process::exit(2);
    };
    let delay = Duration::from_millis(delay.parse().unwrap_or(200));
    let stats = stats.clone();
    let program: Vec<CString> = args[3..]
        .iter()
        .filter_map(|a| CString::new(a.as_str()).ok())
        .collect();
    let stdin = std::io::stdin();
    let mut size = Winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one Winsize into `size`.
    let _ = unsafe { window_size(stdin.as_raw_fd(), &mut size) };
    // SAFETY: the child only execs (or exits) before touching anything else.
    let master: OwnedFd = match unsafe { forkpty(&size, None) } {
        Ok(ForkptyResult::Child) => {
            let _ = nix::unistd::execvp(&program[0], &program);
            std::process::exit(127);
        }
        Ok(ForkptyResult::Parent { master, .. }) => master,
        Err(e) => {
            eprintln!("slow_link: forkpty: {e}");
            std::process::exit(1);
        }
    };
    // Keys pass through as typed: the program's own pty does the line discipline.
    let saved = tcgetattr(stdin.as_fd()).ok();
    if let Some(mut raw) = saved.clone() {
        cfmakeraw(&mut raw);
        let _ = tcsetattr(stdin.as_fd(), SetArg::TCSANOW, &raw);
    }
    let screen = std::fs::File::from(master.try_clone().expect("dup the pty"));
    let keys = std::fs::File::from(master);
    delayed(std::io::stdin(), keys, delay, |_| {});
    let (mut bytes, mut chunks) = (0usize, 0usize);
    let down = delayed(screen, std::io::stdout(), delay, move |n| {
        bytes += n;
        chunks += 1;
        let _ = std::fs::write(&stats, format!("{bytes} {chunks}\n"));
    });
    let _ = down.join();
    if let Some(saved) = saved {
        let _ = tcsetattr(stdin.as_fd(), SetArg::TCSANOW, &saved);
    }
}
