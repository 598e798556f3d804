//! Whether a server's TCP port was released. Ports in the test bed are
//! picked by binding port 0, so a port freed by one test's control plane can
//! be taken at once by another test's: "released" means no process of ours
//! listens there, and a listener that is someone else's is named.

use std::time::Duration;

/// Waits up to 5 s until no process in `ours` listens on `addr`
/// (`host:port`): either nothing accepts connections there, or the listener
/// is another process (reported on stderr, as it is worth knowing).
pub async fn wait_released(addr: &str, ours: &[u32]) -> Result<(), String> {
    let mut last = None;
    for _ in 0..50 {
        if std::net::TcpStream::connect(addr).is_err() {
            return Ok(());
        }
        match listener_of(addr) {
            Some((pid, cmdline)) if !ours.contains(&pid) => {
                eprintln!("{addr} was released and is now taken by pid {pid} {cmdline}");
                return Ok(());
            }
            found => last = found,
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(match last {
        Some((pid, cmdline)) => format!("{addr} is still held by our pid {pid} {cmdline}"),
        None => format!("{addr} still accepts connections; its listener is not in /proc"),
    })
}

/// The process (pid and command line) with a listening socket on the port
/// of `addr`, read from /proc/net/tcp and /proc/PID/fd.
fn listener_of(addr: &str) -> Option<(u32, String)> {
    let port: u16 = addr.rsplit(':').next()?.parse().ok()?;
    let table = std::fs::read_to_string("/proc/net/tcp").ok()?;
    // Columns: sl local_address rem_address st ... inode; st 0A is LISTEN.
    let inode = table.lines().skip(1).find_map(|line| {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let local = cols.get(1)?.rsplit(':').next()?;
        let listening = *cols.get(3)? == "0A";
        let same_port = u16::from_str_radix(local, 16).ok()? == port;
        (listening && same_port).then(|| cols.get(9).map(|s| s.to_string()))?
    })?;
    let wanted = format!("socket:[{inode}]");
    for proc_dir in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = proc_dir.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(fds) = std::fs::read_dir(proc_dir.path().join("fd")) else {
            continue;
        };
        let holds = fds
            .flatten()
            .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|l| l.to_string_lossy() == wanted));
        if holds {
            let cmdline = std::fs::read(proc_dir.path().join("cmdline")).unwrap_or_default();
            return Some((pid, String::from_utf8_lossy(&cmdline).replace('\0', " ")));
        }
    }
    None
}
