//! The terminal loop: read events, backend results and ticks; run
//! `update`; hand effects to the backend; redraw only when dirty.

use std::io::{self, Stdout};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::EventStream;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{execute, queue};
use futures::StreamExt;
use jiff::Timestamp;
use ratatui::Terminal;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use super::error::TuiError;
use super::input_map::event_to_msg;
use super::keymap::Keymap;
use super::lean_backend::LeanBackend;
use super::msg::{Effect, Msg};
use super::state::State;
use super::terminal::TerminalGuard;
use super::theme::Theme;
use super::update::update;
use super::view;

const TICK: Duration = Duration::from_millis(250);
/// Backend messages handled before a redraw, so a burst costs one frame.
const DRAIN_LIMIT: usize = 256;

/// Carries out effects. Implementations must not block: spawn the work
/// and send the result(s) back through `tx` with the effect's request id.
pub trait Backend: Send + Sync + 'static {
    fn handle(&self, effect: Effect, tx: UnboundedSender<Msg>);
}

/// Run the console until the user quits or a termination signal arrives.
/// The terminal is restored on every way out.
pub async fn run(
    backend: Arc<dyn Backend>,
    initial: State,
    theme: Theme,
    keymap: Keymap,
    mut rx: UnboundedReceiver<Msg>,
    tx: UnboundedSender<Msg>,
) -> Result<(), TuiError> {
    let mut state = initial.with_keymap(keymap);
    let guard = TerminalGuard::enter()?;
    // Never dropped: ratatui's Drop shows the cursor and, if the terminal is
    // gone (SIGHUP), eprintln!s the failure, which panics on the dead
    // stderr and would kill a sync in flight. The guard restores the cursor.
    let mut terminal = std::mem::ManuallyDrop::new(Terminal::new(LeanBackend::new(io::stdout()))?);
    let size = terminal.size()?;
    update(
        &mut state,
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
    );
    state.dirty = true;

    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut signals = Signals::new()?;

    loop {
        if guard.panicked() {
            return Err(TuiError::Panicked);
        }
        if state.dirty {
            draw(&mut terminal, &state, &theme)?;
            state.dirty = false;
        }
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => match event_to_msg(&state, &event) {
                    Some(msg) => msg,
                    None => continue,
                },
                Some(Err(err)) => return Err(err.into()),
                None => break,
            },
            Some(msg) = rx.recv() => msg,
            _ = tick.tick() => Msg::Tick(Timestamp::now()),
            signal = signals.recv() => {
                tracing::info!(signal, "terminating on signal");
                break;
            }
        };
        if dispatch(&mut state, msg, backend.as_ref(), &tx) {
            break;
        }
        let mut drained = 0;
        while drained < DRAIN_LIMIT
            && let Ok(msg) = rx.try_recv()
        {
            drained += 1;
            if dispatch(&mut state, msg, backend.as_ref(), &tx) {
                return Ok(());
            }
        }
        // Keys already typed are handled before the next frame: over a slow
        // link a burst of `j` costs one redraw, not one per key (and none is
        // lost: they wait in the tty while a frame is written). Read with the
        // blocking API at zero timeout, not by polling `events` without a
        // waker: the stream keeps the first waker it was given for its wake
        // thread, and a no-op one would leave later keys unseen until the tick.
        let mut keys = 0;
        while keys < DRAIN_LIMIT && crossterm::event::poll(Duration::ZERO)? {
            keys += 1;
            let event = crossterm::event::read()?;
            if let Some(msg) = event_to_msg(&state, &event)
                && dispatch(&mut state, msg, backend.as_ref(), &tx)
            {
                return Ok(());
            }
        }
    }
    drop(guard);
    Ok(())
}

/// Update and hand the effects over; true when the console should quit.
fn dispatch(state: &mut State, msg: Msg, backend: &dyn Backend, tx: &UnboundedSender<Msg>) -> bool {
    let mut quit = false;
    for effect in update(state, msg) {
        match effect {
            Effect::Quit => quit = true,
            effect => {
                tracing::debug!(?effect, "effect");
                backend.handle(effect, tx.clone());
            }
        }
    }
    quit
}

/// One frame inside a synchronized update so terminals never show half a
/// frame (matters over slow SSH links).
fn draw(
    terminal: &mut Terminal<LeanBackend<Stdout>>,
    state: &State,
    theme: &Theme,
) -> io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| view::draw(frame, state, theme))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Ok(())
}

/// SIGTERM, SIGINT and SIGHUP (the SSH session went away).
#[cfg(unix)]
struct Signals {
    terminate: tokio::signal::unix::Signal,
    interrupt: tokio::signal::unix::Signal,
    hangup: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    fn new() -> io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Signals {
            terminate: signal(SignalKind::terminate())?,
            interrupt: signal(SignalKind::interrupt())?,
            hangup: signal(SignalKind::hangup())?,
        })
    }

    async fn recv(&mut self) -> &'static str {
        tokio::select! {
            _ = self.terminate.recv() => "SIGTERM",
            _ = self.interrupt.recv() => "SIGINT",
            _ = self.hangup.recv() => "SIGHUP",
        }
    }
}

#[cfg(not(unix))]
struct Signals;

#[cfg(not(unix))]
impl Signals {
    fn new() -> io::Result<Self> {
        Ok(Signals)
    }

    async fn recv(&mut self) -> &'static str {
        // Without a handler there is nothing to wait for; ctrl-c arrives as
        // a key in raw mode.
        match tokio::signal::ctrl_c().await {
            Ok(()) => "ctrl-c",
            Err(_) => std::future::pending().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use tokio::sync::mpsc::unbounded_channel;

    use super::*;
    use crate::tui::action::Action;
    use crate::tui::model::{AppId, AppRow, Status, Tone};

    /// Records effects instead of doing them.
    #[derive(Default)]
    struct Recorder {
        effects: Mutex<Vec<Effect>>,
    }

    impl Backend for Recorder {
        fn handle(&self, effect: Effect, _tx: UnboundedSender<Msg>) {
            if let Ok(mut effects) = self.effects.lock() {
                effects.push(effect);
            }
        }
    }

    fn one_app() -> State {
        let row = AppRow {
            id: AppId::new("prod", "web", "api"),
            sync: Status::new("Synced", Tone::Good),
            health: Status::new("Healthy", Tone::Good),
            revision_short: "abc1234".into(),
            revision_subject: "subject".into(),
            last_sync: None,
            paused: None,
            pinned: None,
            auto_sync: true,
            operation: None,
            destination: None,
        };
        State::new(Timestamp::UNIX_EPOCH).with_apps(vec![row])
    }

    #[test]
    fn effects_go_to_the_backend_and_quit_stops_the_loop() {
        let backend = Recorder::default();
        let (tx, _rx) = unbounded_channel();
        let mut state = one_app();
        assert!(!dispatch(
            &mut state,
            Msg::Action(Action::Open),
            &backend,
            &tx
        ));
        let recorded = backend
            .effects
            .lock()
            .map(|e| e.clone())
            .unwrap_or_default();
        assert!(matches!(&recorded[..], [Effect::LoadDetail { app, .. }] if app.name == "api"));

        assert!(dispatch(
            &mut state,
            Msg::Action(Action::Quit),
            &backend,
            &tx
        ));
        let recorded = backend.effects.lock().map(|e| e.len()).unwrap_or_default();
        assert_eq!(recorded, 1, "Quit is for the runtime, not the backend");
    }
}
