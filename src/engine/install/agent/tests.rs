use super::*;

fn options() -> AgentOptions {
    AgentOptions {
        image: "registry.example/recon:test".into(),
        manage: Manage::Everything,
    }
}

fn find<'a>(objects: &'a [Value], kind: &str) -> &'a Value {
    objects
        .iter()
        .find(|o| o["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {objects:?}"))
}

#[test]
fn the_deployment_runs_the_agent_as_the_service_account_without_root() {
    let objects = agent_manifests(&options());
    let d = find(&objects, "Deployment");
    let pod = &d["spec"]["template"]["spec"];
    assert_eq!(pod["serviceAccountName"], AGENT_NAME);
    assert_eq!(pod["securityContext"]["runAsNonRoot"], true);
    let c = &pod["containers"][0];
    assert_eq!(c["image"], "registry.example/recon:test");
    assert_eq!(
        c["args"],
        json!(["agent", "--metrics-addr", "0.0.0.0:9090"])
    );
    assert_eq!(c["securityContext"]["readOnlyRootFilesystem"], true);
    assert_eq!(c["livenessProbe"]["httpGet"]["path"], "/healthz");
    assert_eq!(c["readinessProbe"]["httpGet"]["path"], "/readyz");
    assert!(c["resources"]["requests"]["cpu"].is_string());
    // The Git cache is on a mounted volume, not the read-only root.
    let cache = c["env"]
        .as_array()
        .expect("env")
        .iter()
        .find(|e| e["name"] == "RECON_CACHE_DIR")
        .expect("RECON_CACHE_DIR")["value"]
        .as_str()
        .expect("value")
        .to_string();
    let mounts = c["volumeMounts"].as_array().expect("mounts");
    assert!(
        mounts
            .iter()
            .any(|m| cache.starts_with(m["mountPath"].as_str().unwrap_or("?"))),
        "{cache} on {mounts:?}"
    );
    assert_eq!(
        d["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"],
        d["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/name"],
    );
}

#[test]
fn the_bindings_name_the_roles_and_the_service_account() {
    let objects = agent_manifests(&options());
    let sa = find(&objects, "ServiceAccount");
    for (binding, role) in [
        ("ClusterRoleBinding", "ClusterRole"),
        ("RoleBinding", "Role"),
    ] {
        let b = find(&objects, binding);
        assert_eq!(b["roleRef"]["kind"], role);
        assert_eq!(
            b["roleRef"]["name"],
            find(&objects, role)["metadata"]["name"]
        );
        assert_eq!(b["subjects"][0]["name"], sa["metadata"]["name"]);
        assert_eq!(b["subjects"][0]["namespace"], sa["metadata"]["namespace"]);
    }
    let lease_rules = find(&objects, "Role")["rules"].to_string();
    assert!(lease_rules.contains("leases") && lease_rules.contains(LEASE_NAME));
}

#[test]
fn objects_are_described_with_their_namespace_when_they_have_one() {
    let objects = agent_manifests(&options());
    let names: Vec<String> = objects.iter().map(describe).collect();
    assert_eq!(
        names,
        [
            "ServiceAccount recon-system/recon-agent",
            "ClusterRole recon-agent",
            "ClusterRoleBinding recon-agent",
            "Role recon-system/recon-agent",
            "RoleBinding recon-system/recon-agent",
            "Deployment recon-system/recon-agent",
        ]
    );
}
