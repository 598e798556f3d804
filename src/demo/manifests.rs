//! The demo's manifests: a web frontend, an API with a ConfigMap and a
//! Secret, and a queue worker. Plain functions of the few values the demo
//! history changes, so each commit reads like a real one.

pub fn namespace(name: &str) -> String {
    format!("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n")
}

pub fn deployment(name: &str, image: &str, replicas: u32, extra_pod_spec: &str) -> String {
    format!(
        r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  labels:
    app.kubernetes.io/name: {name}
spec:
  replicas: {replicas}
  progressDeadlineSeconds: 30
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}
    spec:
      containers:
        - name: {name}
          image: {image}
          ports:
            - containerPort: 8080
{extra_pod_spec}"#
    )
}

pub fn service(name: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  selector:\n    app.kubernetes.io/name: {name}\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n"
    )
}

pub fn configmap(name: &str, entries: &[(&str, &str)]) -> String {
    let mut out = format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n");
    for (k, v) in entries {
        out.push_str(&format!("  {k}: \"{v}\"\n"));
    }
    out
}

/// A Secret whose values the console must never show.
pub fn secret(name: &str, password: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\ntype: Opaque\nstringData:\n  DATABASE_USER: api\n  DATABASE_PASSWORD: {password}\n"
    )
}

/// The bad release: pods that ask for nodes no cluster has never schedule,
/// so the Deployment passes its progress deadline and turns Degraded.
pub const GPU_NODE_SELECTOR: &str = "      nodeSelector:\n        accelerator: nvidia-h100\n";
