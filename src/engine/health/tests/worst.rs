use super::super::{Health, HealthStatus, worst};

#[test]
fn status_order_is_argo_order() {
    use HealthStatus::*;
    let ordered = [Healthy, Suspended, Progressing, Missing, Degraded, Unknown];
    for pair in ordered.windows(2) {
        assert!(
            pair[0] < pair[1],
            "{} should be better than {}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn status_names() {
    assert_eq!(HealthStatus::Progressing.as_str(), "Progressing");
    assert_eq!(HealthStatus::Degraded.to_string(), "Degraded");
    assert_eq!(
        serde_json::to_string(&HealthStatus::Suspended)
            .ok()
            .as_deref(),
        Some("\"Suspended\"")
    );
}

#[test]
fn empty_is_healthy_without_message() {
    assert_eq!(worst([]), Health::new(HealthStatus::Healthy, ""));
}

#[test]
fn worst_status_wins_with_its_message() {
    let items = [
        Health::healthy("ok"),
        Health::degraded("crash loop"),
        Health::progressing("rolling out"),
        Health::suspended("paused"),
    ];
    assert_eq!(worst(&items), Health::degraded("crash loop"));
}

#[test]
fn unknown_is_worse_than_degraded_and_missing_worse_than_progressing() {
    let items = [
        Health::progressing("rolling out"),
        Health::new(HealthStatus::Missing, "not found"),
        Health::healthy(""),
    ];
    assert_eq!(worst(&items).status, HealthStatus::Missing);

    let items = [Health::degraded("bad"), Health::unknown("no idea")];
    assert_eq!(worst(&items), Health::unknown("no idea"));
}

#[test]
fn ties_keep_the_first_message() {
    let items = [
        Health::healthy(""),
        Health::progressing("first"),
        Health::progressing("second"),
    ];
    assert_eq!(worst(&items).message, "first");
}
