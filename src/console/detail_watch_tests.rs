//! How the open app's watches sort their events.

use super::*;
use crate::engine::app::TRACKING_ANNOTATION;
use kube::core::{ApiResource, GroupVersionKind};

fn configmaps() -> Resolved {
    Resolved {
        resource: ApiResource::from_gvk(&GroupVersionKind::gvk("", "v1", "ConfigMap")),
        namespaced: true,
    }
}

fn key(name: &str) -> ObjectKey {
    ObjectKey {
        group: String::new(),
        kind: "ConfigMap".into(),
        namespace: Some("ns".into()),
        name: name.into(),
    }
}

/// A ConfigMap as a watch's list gives it: no apiVersion, no kind.
fn listed(name: &str, version: &str, tracked_by: Option<&str>) -> DynamicObject {
    let mut o = DynamicObject::new(name, &configmaps().resource).within("ns");
    o.types = None;
    o.metadata.resource_version = Some(version.into());
    if let Some(id) = tracked_by {
        o.metadata.annotations = Some([(TRACKING_ANNOTATION.to_string(), id.to_string())].into());
    }
    o.data = serde_json::json!({"data": {"value": "edited"}});
    o
}

/// Desired: "wanted" (compared at version 7) and "absent" (not in the
/// cluster then); shown besides: the extra "extra".
fn sorter() -> Sorter {
    Sorter {
        versions: [(key("wanted"), Some("7".into())), (key("absent"), None)].into(),
        shown: [key("wanted"), key("absent"), key("extra")].into(),
        tracking_id: "recon-system/app".into(),
    }
}

fn listing() -> Listing {
    Listing {
        namespace: Some("ns".into()),
        ..Listing::default()
    }
}

#[test]
fn a_desired_objects_change_carries_its_live_copy_with_its_kind() {
    let seen = sorter().sort(
        &configmaps(),
        &mut listing(),
        Ok(Event::Apply(listed("wanted", "8", None))),
    );
    let Seen::Object(k, Some(live)) = seen else {
        panic!("not an object change");
    };
    assert_eq!(k, key("wanted"));
    assert_eq!(live["kind"], "ConfigMap");
    assert_eq!(live["apiVersion"], "v1");
    assert_eq!(live["data"]["value"], "edited");
}

#[test]
fn a_deleted_desired_object_has_no_live_copy() {
    let seen = sorter().sort(
        &configmaps(),
        &mut listing(),
        Ok(Event::Delete(listed("wanted", "8", None))),
    );
    assert!(matches!(seen, Seen::Object(k, None) if k == key("wanted")));
}

#[test]
fn extras_and_newly_tracked_objects_reload_and_others_are_ignored() {
    let s = sorter();
    let (r, mut l) = (configmaps(), listing());
    let extra = s.sort(&r, &mut l, Ok(Event::Apply(listed("extra", "3", None))));
    assert!(matches!(extra, Seen::Other));
    let tracked = listed("new", "3", Some("recon-system/app"));
    assert!(matches!(
        s.sort(&r, &mut l, Ok(Event::Apply(tracked))),
        Seen::Other
    ));
    let others = listed("other", "3", Some("recon-system/another"));
    assert!(matches!(
        s.sort(&r, &mut l, Ok(Event::Apply(others))),
        Seen::Nothing
    ));
}

#[test]
fn a_watchs_list_reports_only_what_changed_since_the_comparison() {
    let s = sorter();
    let (r, mut l) = (configmaps(), listing());
    assert!(matches!(s.sort(&r, &mut l, Ok(Event::Init)), Seen::Nothing));
    // Listed at the version it was compared at: nothing to do.
    let same = s.sort(
        &r,
        &mut l,
        Ok(Event::InitApply(listed("wanted", "7", None))),
    );
    assert!(matches!(same, Seen::Nothing));
    // Created since (it was absent): compared again.
    let created = s.sort(
        &r,
        &mut l,
        Ok(Event::InitApply(listed("absent", "9", None))),
    );
    assert!(matches!(created, Seen::Object(k, Some(_)) if k == key("absent")));
    assert!(matches!(
        s.sort(&r, &mut l, Ok(Event::InitDone)),
        Seen::Nothing
    ));
}

#[test]
fn a_desired_object_missing_from_a_watchs_list_was_deleted_meanwhile() {
    let s = sorter();
    let (r, mut l) = (configmaps(), listing());
    s.sort(&r, &mut l, Ok(Event::Init));
    let edited = s.sort(
        &r,
        &mut l,
        Ok(Event::InitApply(listed("absent", "9", None))),
    );
    assert!(matches!(edited, Seen::Object(..)));
    let Seen::Gone(gone) = s.sort(&r, &mut l, Ok(Event::InitDone)) else {
        panic!("the deletion between load and watch was missed");
    };
    assert_eq!(gone, vec![key("wanted")]);
    // Another namespace's watch does not speak for this one's objects.
    let mut elsewhere = Listing {
        namespace: Some("other".into()),
        ..Listing::default()
    };
    s.sort(&r, &mut elsewhere, Ok(Event::Init));
    assert!(matches!(
        s.sort(&r, &mut elsewhere, Ok(Event::InitDone)),
        Seen::Nothing
    ));
}
