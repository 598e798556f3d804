//! The process's memory, as glibc's allocator keeps it: few arenas, and
//! what a burst freed handed back to the system (the console's resident
//! set then stays near what is live).

/// glibc gives each thread that allocates its own arena (up to 8 per core),
/// and each arena keeps the memory its thread freed: the console's workers,
/// watch decoders and filter threads would hold several copies of the
/// fleet's transient JSON. Two arenas keep them shared. Call before any
/// thread starts.
pub fn few_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// After a burst that is over (a cluster's first list of thousands of
/// objects, decoded and dropped), returns the free pages to the system.
pub fn give_back_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the allocator.
    unsafe {
        libc::malloc_trim(0);
    }
}
