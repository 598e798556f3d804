//! The scene: an app view with a 2,000-line drift diff, reached through `update`.

use super::*;

/// Fixed, so every run draws the same text.
pub(crate) fn now() -> Timestamp {
    Timestamp::from_second(1_741_921_620).unwrap_or(Timestamp::UNIX_EPOCH)
}

pub(crate) fn target_app() -> AppId {
    AppId::new("prod", "payments", "api")
}

pub(crate) fn app_row(id: AppId, index: usize) -> AppRow {
    let sync = if index.is_multiple_of(4) {
        Status::new("OutOfSync", Tone::Warn)
    } else {
        Status::new("Synced", Tone::Good)
    };
    AppRow {
        id,
        sync,
        health: Status::new("Healthy", Tone::Good),
        revision_short: format!("{:07x}", 0x00a1_b2c3 + index * 977),
        revision_subject: format!("bump service {index} to v2.{index}.1"),
        last_sync: Some(now() - SignedDuration::from_mins(5 + index as i64)),
        paused: None,
        pinned: None,
        auto_sync: true,
        operation: None,
        destination: None,
    }
}

pub(crate) fn apps() -> Vec<AppRow> {
    let mut rows = vec![app_row(target_app(), 0)];
    for index in 1..50usize {
        let cluster = if index.is_multiple_of(3) {
            "staging"
        } else {
            "prod"
        };
        let namespace = ["payments", "web", "tools", "search"][index % 4];
        rows.push(app_row(
            AppId::new(cluster, namespace, format!("svc-{index:02}")),
            index,
        ));
    }
    rows
}

/// YAML-ish bodies; a few are longer than half the diff pane so the
/// truncation path is exercised too.
pub(crate) const TEXTS: &[&str] = &[
    "  replicas: 3",
    "      containers:",
    "      - name: api",
    "        image: registry.example.com/payments/api:2.3.1",
    "        imagePullPolicy: IfNotPresent",
    "        resources:",
    "          limits:",
    "            memory: 768Mi",
    "            cpu: \"1\"",
    "        env:",
    "        - name: LOG_LEVEL",
    "          value: info",
    "        - name: DATABASE_URL",
    "          valueFrom: {secretKeyRef: {name: api-db, key: url}}",
    "    kubectl.kubernetes.io/last-applied-configuration: '{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"name\":\"api\"}}'",
    "        readinessProbe:",
    "          httpGet: {path: /healthz, port: 8080}",
    "          periodSeconds: 10",
    "  selector:",
    "    matchLabels:",
    "      app.kubernetes.io/name: api",
    "      app.kubernetes.io/part-of: payments-platform-with-a-rather-long-name",
    "data:",
    "  config.yaml: |",
    "    feature_flags: [checkout_v2, fraud_scoring, instant_refunds, multi_currency]",
];

pub(crate) const OBJECTS: &[&str] = &[
    "apps/v1 Deployment",
    "v1 ConfigMap",
    "v1 Service",
    "autoscaling/v2 HorizontalPodAutoscaler",
    "networking.k8s.io/v1 Ingress",
];

/// Exactly `total` lines: per object an object header, then hunks of a hunk
/// header, context, removed, added, context; line numbers climb into the
/// hundreds as in real manifests.
pub(crate) fn drift_diff(total: usize) -> Vec<DiffLine> {
    let mut lines = Vec::with_capacity(total + 64);
    let mut seed = 0usize;
    let mut text = || {
        seed = seed.wrapping_mul(31).wrapping_add(17);
        TEXTS[seed % TEXTS.len()].to_string()
    };
    let line = |kind, old_line, new_line, text| DiffLine {
        kind,
        old_line,
        new_line,
        text,
    };
    let mut object = 0;
    while lines.len() < total {
        lines.push(line(
            DiffKind::Header,
            None,
            None,
            format!(
                "{} payments/component-{object:03}",
                OBJECTS[object % OBJECTS.len()]
            ),
        ));
        let (mut old, mut new) = (1usize, 1usize);
        for hunk in 0..6 {
            let skip = 12 + (object * 7 + hunk * 13) % 60;
            old += skip;
            new += skip;
            let removed = 1 + (object + hunk) % 3;
            let added = 1 + (object * 3 + hunk) % 4;
            let context = 3;
            lines.push(line(
                DiffKind::Header,
                None,
                None,
                format!(
                    "@@ -{old},{} +{new},{} @@",
                    2 * context + removed,
                    2 * context + added
                ),
            ));
            for _ in 0..context {
                lines.push(line(DiffKind::Context, Some(old), Some(new), text()));
                old += 1;
                new += 1;
            }
            for _ in 0..removed {
                lines.push(line(DiffKind::Removed, Some(old), None, text()));
                old += 1;
            }
            for _ in 0..added {
                lines.push(line(DiffKind::Added, None, Some(new), text()));
                new += 1;
            }
            for _ in 0..context {
                lines.push(line(DiffKind::Context, Some(old), Some(new), text()));
                old += 1;
                new += 1;
            }
        }
        object += 1;
    }
    lines.truncate(total);
    lines
}

pub(crate) fn resources() -> Vec<ResourceRow> {
    (0..RESOURCES)
        .map(|index| {
            let drifted = index.is_multiple_of(3);
            ResourceRow {
                kind: [
                    "Deployment",
                    "ConfigMap",
                    "Service",
                    "HorizontalPodAutoscaler",
                ][index % 4]
                    .into(),
                namespace: "payments".into(),
                name: format!("component-{index:03}"),
                sync: if drifted {
                    Status::new("OutOfSync", Tone::Warn)
                } else {
                    Status::new("Synced", Tone::Good)
                },
                health: if index.is_multiple_of(7) {
                    Status::new("Progressing", Tone::Progress)
                } else {
                    Status::new("Healthy", Tone::Good)
                },
                message: if drifted {
                    "spec.template differs".into()
                } else {
                    String::new()
                },
            }
        })
        .collect()
}

pub(crate) fn history() -> Vec<CommitRow> {
    (0..COMMITS)
        .map(|index| {
            let short = format!("{:07x}", 0x0abc_0000 + index * 4099);
            CommitRow {
                full: format!("{short}{}", "0".repeat(33)),
                short,
                author: ["alice", "bob", "carol", "dave"][index % 4].into(),
                time: now() - SignedDuration::from_mins(60 * (index as i64 + 1) * 5),
                subject: format!("payments: change {index} to the api rollout settings"),
                deployed: index == 3,
                pinned: false,
                head: index == 0,
                note: None,
            }
        })
        .collect()
}

pub(crate) fn detail(app_diff: Vec<DiffLine>) -> AppDetail {
    let resource_diffs = BTreeMap::from([(0, app_diff.iter().take(40).cloned().collect())]);
    AppDetail {
        id: target_app(),
        resources: resources(),
        app_diff,
        resource_diffs,
        history: history(),
        branch: "main".into(),
        source_path: "apps/payments/api".into(),
        drift_summary: format!("{} of {RESOURCES} resources out of sync", RESOURCES / 3 + 1),
        git_stale: None,
    }
}

/// The message the keymap gives `code` in the current mode, as the runtime
/// would get it from the terminal.
pub(crate) fn key(state: &State, code: KeyCode) -> Msg {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    event_to_msg(state, &event).unwrap_or_else(|| panic!("{code:?} is unbound"))
}

/// Send a key through the keymap and `update`, as the runtime does.
pub(crate) fn press(state: &mut State, code: KeyCode, expected: Action) {
    let msg = key(state, code);
    assert_eq!(msg, Msg::Action(expected), "{code:?} in the app view");
    let effects = update(state, msg);
    assert!(effects.is_empty(), "{code:?} should not cause effects");
}

/// Opened through `update` like a user would: select the app, Enter,
/// answer the detail request, Tab to the diff pane.
pub(crate) fn scene(diff_lines: usize) -> State {
    let diff = drift_diff(diff_lines);
    let mut state = State::new(now())
        .with_size(WIDTH, HEIGHT)
        .with_clusters(vec![
            ClusterInfo::reachable("prod"),
            ClusterInfo::reachable("staging"),
        ])
        .with_apps(apps());
    update(
        &mut state,
        Msg::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    let position = state
        .visible
        .iter()
        .position(|&i| state.apps[i].id == target_app())
        .expect("the target app is listed");
    state.list.selected = position;
    let msg = key(&state, KeyCode::Enter);
    assert_eq!(msg, Msg::Action(Action::Open));
    let effects = update(&mut state, msg);
    let request_id = match effects.as_slice() {
        [Effect::LoadDetail { request_id, app }] if *app == target_app() => *request_id,
        other => panic!("opening the app should load its detail, got {other:?}"),
    };
    update(
        &mut state,
        Msg::DetailLoaded {
            request_id,
            detail: detail(diff),
        },
    );
    press(&mut state, KeyCode::Tab, Action::NextPane);
    let view = state.app_view().expect("the app view is open");
    assert_eq!(
        view.focus,
        Pane::Diff,
        "Tab from resources focuses the diff"
    );
    assert_eq!(
        view.diff_lines().len(),
        diff_lines,
        "the diff pane shows the drift"
    );
    assert_eq!(view.diff_scroll, 0);
    state.dirty = false;
    state
}

pub(crate) fn diff_scroll(state: &State) -> usize {
    state.app_view().map_or(0, |v| v.diff_scroll)
}

pub(crate) fn set_diff_scroll(state: &mut State, scroll: usize) {
    if let Some(view) = state.app_view_mut() {
        view.diff_scroll = scroll;
    }
}

pub(crate) fn side_by_side(state: &State) -> bool {
    state
        .app_view()
        .is_some_and(|v| v.side_by_side(state.width))
}

/// The `a-b of N` the diff pane title shows, read off the screen.
pub(crate) fn diff_position(buffer: &Buffer) -> String {
    let row: String = (0..buffer.area.width)
        .map(|x| buffer[(x, 3)].symbol())
        .collect();
    let start = row.find("diff:").expect("the diff pane title is on row 3");
    row[start..]
        .split('·')
        .nth(2)
        .map(|s| s.trim_end_matches(['─', '┐', ' ']).trim().to_string())
        .unwrap_or_default()
}

/// Rows the diff takes on screen (the `N` of `a-b of N`).
pub(crate) fn diff_rows(buffer: &Buffer) -> usize {
    diff_position(buffer)
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("the diff title shows `a-b of N`")
}

/// The same state with the diff scrolled to its middle row.
pub(crate) fn scrolled_to_middle(state: &State, theme: &Theme) -> State {
    let rows = diff_rows(&render_once(state, theme));
    let mut middle = state.clone();
    set_diff_scroll(&mut middle, rows / 2);
    let shown = diff_position(&render_once(&middle, theme));
    assert!(
        shown.starts_with(&format!("{}-", rows / 2 + 1)),
        "scrolled to the middle: {shown}"
    );
    middle
}
