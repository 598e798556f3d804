use super::*;
use serde_json::json;

fn live_deployment() -> Value {
    json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {
            "name": "web", "namespace": "shop",
            "managedFields": [{"manager": "kubectl"}],
            "resourceVersion": "42", "uid": "u-1", "generation": 3,
            "creationTimestamp": "2024-01-01T00:00:00Z",
            "deletionTimestamp": "2024-01-02T00:00:00Z",
            "selfLink": "/apis/apps/v1/namespaces/shop/deployments/web",
            "labels": {},
            "annotations": {
                "kubectl.kubernetes.io/last-applied-configuration": "{}",
                "deployment.kubernetes.io/revision": "7"
            }
        },
        "spec": {"replicas": 2},
        "status": {"readyReplicas": 2}
    })
}

#[test]
fn normalize_live_drops_every_server_field() {
    let normalized = normalize_live(&live_deployment());
    assert_eq!(
        normalized,
        json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "shop"},
            "spec": {"replicas": 2}
        })
    );
}

#[test]
fn normalize_live_keeps_user_labels_and_annotations() {
    let mut live = live_deployment();
    live["metadata"]["labels"] = json!({"app": "web"});
    live["metadata"]["annotations"]["team"] = json!("shop");
    let normalized = normalize_live(&live);
    assert_eq!(normalized["metadata"]["labels"], json!({"app": "web"}));
    assert_eq!(
        normalized["metadata"]["annotations"],
        json!({"team": "shop"})
    );
}

#[test]
fn ignore_pointers_apply_with_rfc6901_escaping() {
    let mut live = live_deployment();
    live["metadata"]["annotations"]["example.com/owner~team"] = json!("x");
    live["spec"]["template"] = json!({"spec": {"containers": [{"name": "a", "image": "i:1"}]}});
    let rule = JsonPointerRule {
        group: Some("apps".into()),
        kind: Some("Deployment".into()),
        json_pointers: vec![
            "/spec/replicas".into(),
            "/metadata/annotations/example.com~1owner~0team".into(),
            "/spec/template/spec/containers/0/image".into(),
            "/does/not/exist".into(),
            "no-leading-slash".into(),
        ],
        ..JsonPointerRule::default()
    };
    let normalized = normalize_for_compare(&live, &[rule]);
    assert_eq!(normalized["spec"].get("replicas"), None);
    // The only annotation left was removed, so the emptied map goes too.
    assert_eq!(normalized["metadata"].get("annotations"), None);
    assert_eq!(
        normalized["spec"]["template"]["spec"]["containers"][0],
        json!({"name": "a"})
    );
}

#[test]
fn ignore_rules_only_apply_to_matching_objects() {
    let live = live_deployment();
    let pointer = vec!["/spec/replicas".to_string()];
    let non_matching = [
        JsonPointerRule {
            kind: Some("StatefulSet".into()),
            json_pointers: pointer.clone(),
            ..Default::default()
        },
        JsonPointerRule {
            group: Some("".into()),
            json_pointers: pointer.clone(),
            ..Default::default()
        },
        JsonPointerRule {
            name: Some("api".into()),
            json_pointers: pointer.clone(),
            ..Default::default()
        },
        JsonPointerRule {
            namespace: Some("other".into()),
            json_pointers: pointer.clone(),
            ..Default::default()
        },
    ];
    for rule in non_matching {
        let normalized = normalize_for_compare(&live, std::slice::from_ref(&rule));
        assert_eq!(normalized["spec"]["replicas"], 2, "{rule:?} must not match");
    }
    let matching = JsonPointerRule {
        name: Some("web".into()),
        namespace: Some("shop".into()),
        json_pointers: pointer,
        ..Default::default()
    };
    assert_eq!(
        normalize_for_compare(&live, &[matching])["spec"].get("replicas"),
        None
    );
}

#[test]
fn rule_deserialises_from_camel_case() {
    let rule: JsonPointerRule =
        serde_json::from_value(json!({"kind": "Service", "jsonPointers": ["/spec/clusterIP"]}))
            .expect("parses");
    assert_eq!(rule.kind.as_deref(), Some("Service"));
    assert_eq!(rule.json_pointers, vec!["/spec/clusterIP"]);
    assert_eq!(rule.group, None);
}

#[test]
fn remove_pointer_edge_cases() {
    let mut value = json!({"a": [1, 2, 3], "": {"x": 1}, "m~n": 1});
    assert_eq!(remove_pointer(&mut value, "/a/1"), Ok(true));
    assert_eq!(value["a"], json!([1, 3]));
    assert_eq!(remove_pointer(&mut value, "/a/01"), Ok(false));
    assert_eq!(remove_pointer(&mut value, "/a/-"), Ok(false));
    assert_eq!(remove_pointer(&mut value, "//x"), Ok(true));
    assert_eq!(remove_pointer(&mut value, "/m~0n"), Ok(true));
    assert!(remove_pointer(&mut value, "/bad~2escape").is_err());
    assert!(remove_pointer(&mut value, "").is_err());
    assert_eq!(value, json!({"a": [1, 3], "": {}}));
}

#[test]
fn desired_fields_only_keeps_what_desired_sets() {
    let live = json!({
        "metadata": {"name": "web", "labels": {"app": "web", "injected": "yes"}, "uid": "1"},
        "spec": {
            "replicas": 3,
            "strategy": {"type": "RollingUpdate"},
            "containers": [
                {"name": "sidecar", "image": "mesh:1"},
                {"name": "app", "image": "app:2", "imagePullPolicy": "IfNotPresent"}
            ],
            "ports": [{"port": 80, "protocol": "TCP"}],
            "args": ["--a", "--b"]
        }
    });
    let desired = json!({
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {
            "replicas": 2,
            "containers": [{"name": "app", "image": "app:1"}, {"name": "new", "image": "n:1"}],
            "ports": [{"port": 80}],
            "args": ["--a"]
        }
    });
    assert_eq!(
        desired_fields_only(&live, &desired),
        json!({
            "metadata": {"name": "web", "labels": {"app": "web"}},
            "spec": {
                "replicas": 3,
                "containers": [{"name": "app", "image": "app:2"}],
                "ports": [{"port": 80}],
                "args": ["--a", "--b"]
            }
        })
    );
}

#[test]
fn desired_fields_only_keeps_live_when_shapes_differ() {
    let live = json!({"data": "a string", "items": [{"v": 1}, {"v": 2}]});
    let desired = json!({"data": {"k": "v"}, "items": [{"v": 1}]});
    assert_eq!(desired_fields_only(&live, &desired), live);
}
