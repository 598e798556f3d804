//! Manifests used across the engine tests.

use crate::support::cli::{recon, text};

pub use crate::support::cli::{app_for, configmap};

pub fn configmap_in_wave(name: &str, wave: i64) -> String {
    format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  annotations:\n    recon.dev/sync-wave: \"{wave}\"\ndata:\n  wave: \"{wave}\"\n"
    )
}

pub fn deployment(name: &str, replicas: u32, image: &str) -> String {
    format!(
        r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  labels:
    app: {name}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      containers:
        - name: main
          image: {image}
          ports:
            - containerPort: 8080
"#
    )
}

pub fn service(name: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  selector:\n    app: {name}\n  ports:\n    - port: 80\n      targetPort: 8080\n"
    )
}

/// Runs `recon ARGS` and asserts the exit code, returning all output.
pub fn recon_ok(args: &[&str], code: i32) -> String {
    let out = recon(args);
    let all = text(&out);
    assert_eq!(
        out.status.code(),
        Some(code),
        "recon {} exited {:?}:\n{all}",
        args.join(" "),
        out.status.code()
    );
    all
}

/// kubectl jsonpath read of one field, as text ("" when the object is absent).
pub fn kget(ctx: &str, ns: &str, what: &str, jsonpath: &str) -> String {
    let out = crate::support::kubectl(
        ctx,
        &["get", "-n", ns, what, "-o", &format!("jsonpath={jsonpath}")],
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

pub fn exists(ctx: &str, ns: &str, what: &str) -> bool {
    crate::support::kubectl(ctx, &["get", "-n", ns, what])
        .status
        .success()
}
