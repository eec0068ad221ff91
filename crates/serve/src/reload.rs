//! Picks up new commits of the index: a `franglais index` run beside the
//! server is seen without a restart.

use std::sync::Arc;

use crate::api::AppState;
use crate::RELOAD_EVERY;

/// Reloads the searcher's view every [`RELOAD_EVERY`] (cheap when nothing
/// changed: segments already open are kept). A search takes its view once,
/// at its start, so searches in flight finish on the view they started
/// with. A failed reload keeps the last good view and is reported by
/// `/health` until a reload succeeds.
pub(crate) async fn watch(state: Arc<AppState>) {
    let mut every = tokio::time::interval(RELOAD_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        // The server let go of its state: it has stopped.
        if Arc::strong_count(&state) == 1 {
            return;
        }
        let searcher = state.searcher.clone();
        let reloaded = tokio::task::spawn_blocking(move || searcher.reload()).await;
        let failure = match reloaded {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(_) => Some("reloading the index panicked".to_string()),
        };
        *state.unreadable.lock().unwrap_or_else(|e| e.into_inner()) = failure;
    }
}
