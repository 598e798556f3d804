//! What the benches share to turn samples into figures: the median of a
//! run's times, and a process's CPU read from `/proc`.
#![allow(dead_code)]

use std::time::Duration;

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// User + system CPU of process `pid` so far, in clock ticks.
pub fn cpu_ticks(pid: &str) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    let rest = stat.rsplit_once(") ").map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After "pid (comm) ": state is field 0; utime 11, stime 12.
    fields[11].parse::<u64>().unwrap_or(0) + fields[12].parse::<u64>().unwrap_or(0)
}

/// Clock ticks per second (`cpu_ticks`' unit).
pub fn ticks_per_second() -> f64 {
    // SAFETY: sysconf has no preconditions.
    unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64
}

/// The CPU process `pid` uses over `secs` seconds of idling: the ticks it
/// took, and that as a percentage of one core.
pub fn idle_cpu(pid: &str, secs: u64) -> (u64, f64) {
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(secs));
    let ticks = cpu_ticks(pid) - before;
    (
        ticks,
        ticks as f64 / ticks_per_second() / secs as f64 * 100.0,
    )
}
