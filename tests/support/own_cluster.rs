//! A control plane of a test's own, for faults the shared clusters must
//! never see (an API server stopped and started again), with recon
//! installed and one app of `objects` ConfigMaps from a real Git repository.

use std::path::PathBuf;
use std::process::{Command, Output};

use recon::testbed::{StartOptions, TestEnv};

use super::cli::{configmap, recon_cmd_with, text};
use super::gitrepo::TestRepo;

pub struct OwnCluster {
    pub env: TestEnv,
    pub name: String,
    pub kubeconfig: PathBuf,
    /// Holds the Application manifests written for kubectl.
    pub dir: tempfile::TempDir,
}

impl OwnCluster {
    /// Starts control plane `name` and installs recon in it.
    pub fn start(name: &str) -> Self {
        Self::start_with(name, StartOptions::new([name]))
    }

    /// As `start`, with these options (`opts` names the one cluster `name`).
    pub fn start_with(name: &str, opts: StartOptions) -> Self {
        let env = TestEnv::start(super::binaries(), opts, &mut |l| eprintln!("[{name}] {l}"))
            .expect("start a control plane of the test's own");
        let own = Self {
            kubeconfig: env.kubeconfig.clone(),
            env,
            name: name.to_string(),
            dir: tempfile::tempdir().expect("tempdir"),
        };
        own.recon(&["install"]);
        own
    }

    /// kubectl on this cluster; asserts it succeeded, returns its stdout.
    pub fn kubectl(&self, args: &[&str]) -> String {
        let out = Command::new(super::binaries().kubectl())
            .env("KUBECONFIG", &self.kubeconfig)
            .args(args)
            .output()
            .expect("kubectl");
        assert!(out.status.success(), "kubectl {args:?}: {}", text(&out));
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    /// `recon ARGS` on this cluster; asserts it succeeded.
    pub fn recon(&self, args: &[&str]) -> Output {
        let out = self.recon_cmd(args).output().expect("recon");
        assert!(out.status.success(), "recon {args:?}: {}", text(&out));
        out
    }

    pub fn recon_cmd(&self, args: &[&str]) -> Command {
        recon_cmd_with(&self.kubeconfig, args)
    }

    /// A repository of `objects` ConfigMaps (`cm-000`… holding `value`)
    /// under `app/`.
    pub fn repo_of(objects: usize, value: &str) -> TestRepo {
        let mut repo = TestRepo::new();
        for i in 0..objects {
            repo.write(
                &format!("app/cm-{i:03}.yaml"),
                configmap(&format!("cm-{i:03}"), value),
            );
        }
        repo.commit("settings");
        repo
    }

    /// Applies Application `app` (in recon-system) deploying `app/` of
    /// `repo` to namespace `ns`, which it creates if needed.
    pub fn create_app(&self, app: &str, repo: &TestRepo, ns: &str) {
        let _ = Command::new(super::binaries().kubectl())
            .env("KUBECONFIG", &self.kubeconfig)
            .args(["create", "namespace", ns])
            .output();
        let file = self.dir.path().join(format!("{app}.yaml"));
        std::fs::write(
            &file,
            format!(
                "apiVersion: recon.dev/v1alpha1\nkind: Application\nmetadata:\n  name: {app}\n  namespace: recon-system\nspec:\n  source:\n    repoURL: {}\n    targetRevision: main\n    path: app\n  destination:\n    namespace: {ns}\n",
                repo.url()
            ),
        )
        .expect("write the Application");
        self.kubectl(&["apply", "-f", &file.display().to_string()]);
    }
}
