//! What the agent tells about each reconcile: one log line per decision,
//! the app's Ready condition, and one Event per change of state (never one
//! per retry).

use crate::agent::context::Ctx;
use crate::agent::error::AgentError;
use crate::agent::reconcile::Reconciled;
use crate::engine::app::{AppCondition, Application};
use crate::engine::audit::publish_event;
use crate::engine::status::{self, StatusUpdate};

pub async fn succeeded(ctx: &Ctx, app: &Application, done: &Reconciled) {
    let name = app.tracking_id();
    let (status, reason) = done.outcome.condition();
    // The Ready condition says when it is true only of Git as last fetched.
    let message = match &done.stale_git {
        Some(why) => format!(
            "{}; from the cached clone: Git cannot be fetched ({why})",
            done.outcome.describe()
        ),
        None => done.outcome.describe(),
    };
    tracing::info!(
        context = %ctx.cluster.context,
        app = %name,
        revision = %crate::text::short_sha(&done.revision),
        result = %message,
        "agent: reconciled"
    );
    if done.outcome == crate::agent::reconcile::Outcome::Deleted {
        ctx.forget(&name);
        return;
    }
    set_ready(ctx, app, status, reason, &message, false).await;
}

pub async fn failed(ctx: &Ctx, app: &Application, err: &AgentError, attempt: u32) {
    let name = app.tracking_id();
    let message = crate::text::printable(&err.message()).into_owned();
    tracing::warn!(
        context = %ctx.cluster.context,
        app = %name,
        attempt,
        reason = err.reason(),
        retry_in = ?ctx.retry_delay(&name),
        error = %message,
        "agent: reconcile failed"
    );
    set_ready(ctx, app, "False", err.reason(), &message, true).await;
}

async fn set_ready(
    ctx: &Ctx,
    app: &Application,
    status: &str,
    reason: &str,
    message: &str,
    warning: bool,
) {
    let condition = AppCondition {
        type_: "Ready".into(),
        status: status.into(),
        reason: reason.into(),
        message: message.chars().take(2000).collect(),
        last_transition_time: Some(jiff::Timestamp::now().to_string()),
    };
    let update = StatusUpdate {
        condition: Some(condition),
        ..Default::default()
    };
    if let Err(e) = status::write(&ctx.cluster, app, None, &update).await {
        tracing::warn!(app = %app.tracking_id(), error = %e, "agent: cannot write the Ready condition");
    }
    // A sync records its own Event; for state changes it counts as in sync.
    let state = if reason == "Synced" { "InSync" } else { reason };
    if ctx.state_changed(&app.tracking_id(), status, state) && reason != "Synced" {
        let actor = ctx.actor().await.unwrap_or_else(|_| "recon-agent".into());
        let object = kube::Resource::object_ref(app, &());
        publish_event(
            &ctx.cluster,
            &object,
            &actor,
            warning,
            reason,
            "reconcile",
            message,
        )
        .await;
    }
}
