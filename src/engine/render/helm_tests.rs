//! Helm mode against the real helm the test bed builds (v3.22).

use super::*;

fn file(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn real_helm() -> PathBuf {
    crate::testbed::ensure_helm_built(&mut |l| eprintln!("[testbed] {l}"))
        .expect("build the test bed's helm")
        .helm()
}

fn leftover_dirs(prefix: &str) -> usize {
    std::fs::read_dir(std::env::temp_dir())
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|entry| entry.file_name().to_string_lossy().starts_with(prefix))
                .count()
        })
        .unwrap_or_default()
}

const CONFIG_TEMPLATE: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\n  namespace: {{ .Release.Namespace }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n  replicas: {{ .Values.replicas | quote }}\n";

fn web_chart() -> Vec<SourceFile> {
    vec![
        file(
            "charts/web/Chart.yaml",
            "apiVersion: v2\nname: website\nversion: 0.1.0\n",
        ),
        file("charts/web/values.yaml", "greeting: hello\nreplicas: 1\n"),
        file("charts/web/values-prod.yaml", "greeting: prod\n"),
        file("charts/web/templates/cm.yaml", CONFIG_TEMPLATE),
        file(
            "charts/web/templates/two.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n",
        ),
        file(
            "charts/web/templates/NOTES.txt",
            "Thanks for {{ .Release.Name }}",
        ),
    ]
}

fn options() -> HelmOptions {
    HelmOptions {
        release_name: "shop".into(),
        namespace: Some("prod-ns".into()),
        value_files: vec!["values-prod.yaml".into()],
        values: Some("replicas: 3\n".into()),
    }
}

fn render_test(
    files: &[SourceFile],
    options: &HelmOptions,
    prefix: &str,
) -> Result<Vec<DesiredObject>, RenderError> {
    render_capped(
        files,
        "charts/web/",
        options,
        &real_helm(),
        prefix,
        MAX_OUTPUT_BYTES,
    )
}

#[test]
fn values_files_then_inline_values_release_and_namespace_reach_the_templates() {
    let prefix = format!("recon-helm-ok-{}", std::process::id());
    let objects = render_test(&web_chart(), &options(), &prefix).expect("renders");
    let config = objects
        .iter()
        .find(|o| o.name() == Some("shop-config"))
        .expect("the release name reaches the template");
    assert_eq!(config.object["metadata"]["namespace"], "prod-ns");
    assert_eq!(
        config.object["data"]["greeting"], "prod",
        "values file over values.yaml"
    );
    assert_eq!(config.object["data"]["replicas"], "3", "inline values last");
    assert_eq!(config.source, "helm:charts/web/templates/cm.yaml");
    let two: Vec<_> = objects
        .iter()
        .filter(|o| o.source == "helm:charts/web/templates/two.yaml")
        .map(|o| (o.name(), o.doc_index))
        .collect();
    assert_eq!(two, vec![(Some("one"), 0), (Some("two"), 1)]);
    assert_eq!(objects.len(), 3, "NOTES.txt is not a manifest");
    assert_eq!(leftover_dirs(&prefix), 0, "temp dir must be removed");
}

#[test]
fn a_broken_template_names_its_repository_file_and_line_and_cleans_up() {
    let prefix = format!("recon-helm-bad-{}", std::process::id());
    let mut files = web_chart();
    files.push(file(
        "charts/web/templates/broken.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{ .Values.missing.deep }}\n",
    ));
    let err = render_test(&files, &options(), &prefix).unwrap_err();
    let message = err.to_string();
    assert!(
        matches!(&err, RenderError::HelmFailed { file: Some(f), line: Some(6), .. } if f == "charts/web/templates/broken.yaml"),
        "{err:?}"
    );
    assert!(
        message.starts_with("charts/web/templates/broken.yaml:6:"),
        "{message}"
    );
    assert!(!message.contains("recon-helm"), "no temp path: {message}");
    assert_eq!(leftover_dirs(&prefix), 0, "temp dir must be removed");
}

#[test]
fn broken_inline_values_are_named_as_the_application_field() {
    let prefix = format!("recon-helm-inline-{}", std::process::id());
    let broken = HelmOptions {
        values: Some("a: 1\n  b: 2\n".into()),
        ..options()
    };
    let err = render_test(&web_chart(), &broken, &prefix).unwrap_err();
    assert!(
        err.to_string().starts_with("spec.source.helm.values:2: "),
        "{err}"
    );
    assert_eq!(leftover_dirs(&prefix), 0);
}

#[test]
fn a_release_name_that_could_be_a_flag_is_refused_before_helm_runs() {
    for name in [
        "--post-renderer=/bin/sh",
        "Shop",
        "",
        &"a".repeat(54),
        "a..b",
    ] {
        let bad = HelmOptions {
            release_name: name.to_string(),
            ..options()
        };
        // A helm that does not exist: the check must come first.
        let err = render_capped(
            &web_chart(),
            "charts/web",
            &bad,
            Path::new("/nonexistent/helm"),
            "recon-helm-name",
            1024,
        )
        .unwrap_err();
        assert!(
            matches!(err, RenderError::HelmReleaseName { .. }),
            "{name}: {err:?}"
        );
    }
    assert!(check_release_name("shop-prod.v2").is_some());
}

#[test]
fn values_files_must_be_committed_files_inside_the_chart() {
    for value_file in [
        "missing.yaml",
        "../other/values.yaml",
        "/etc/passwd",
        "templates",
    ] {
        let bad = HelmOptions {
            value_files: vec![value_file.to_string()],
            ..options()
        };
        let err = render_capped(
            &web_chart(),
            "charts/web",
            &bad,
            Path::new("/nonexistent/helm"),
            "recon-helm-vf",
            1024,
        )
        .unwrap_err();
        assert!(
            matches!(&err, RenderError::HelmValuesFileMissing { file, .. } if file == value_file),
            "{value_file}: {err:?}"
        );
    }
}

#[test]
fn a_path_without_chart_yaml_is_not_a_chart() {
    let files = vec![file("apps/plain/cm.yaml", "apiVersion: v1\n")];
    let err = render_capped(
        &files,
        "apps/plain",
        &options(),
        Path::new("/nonexistent/helm"),
        "recon-helm-nc",
        1024,
    )
    .unwrap_err();
    assert!(
        matches!(&err, RenderError::HelmNotAChart { app_path } if app_path == "apps/plain"),
        "{err:?}"
    );
}

#[test]
fn output_past_the_cap_is_refused() {
    let prefix = format!("recon-helm-big-{}", std::process::id());
    let err = render_capped(
        &web_chart(),
        "charts/web",
        &options(),
        &real_helm(),
        &prefix,
        100,
    )
    .unwrap_err();
    assert!(
        matches!(&err, RenderError::HelmOutputTooLarge { limit: 100, app_path } if app_path == "charts/web"),
        "{err:?}"
    );
    assert_eq!(leftover_dirs(&prefix), 0);
}

#[test]
fn the_binary_comes_from_recon_helm_then_path_and_its_absence_says_so() {
    let helm = real_helm();
    assert_eq!(
        find_helm(Some(helm.as_os_str()), None).expect("RECON_HELM"),
        helm
    );
    let dir = helm.parent().expect("dir").as_os_str();
    assert_eq!(find_helm(None, Some(dir)).expect("PATH"), helm);
    let err = find_helm(Some(OsStr::new("/nonexistent/helm")), Some(dir)).unwrap_err();
    assert!(
        err.to_string().contains("RECON_HELM=/nonexistent/helm"),
        "{err}"
    );
    let err = find_helm(None, Some(OsStr::new(""))).unwrap_err();
    let message = err.to_string();
    assert!(
        matches!(err, RenderError::HelmToolMissing { .. })
            && message.contains("helm")
            && message.contains("RECON_HELM"),
        "{message}"
    );
}

#[test]
fn inline_values_are_not_in_debug_output() {
    let options = HelmOptions {
        values: Some("password: hunter2\n".into()),
        ..options()
    };
    let shown = format!("{options:?}");
    assert!(
        !shown.contains("hunter2") && shown.contains("18 bytes"),
        "{shown}"
    );
}
