//! Which GitOps tool an app belongs to.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Tool {
    /// recon's own `applications.recon.dev`.
    #[serde(rename = "recon")]
    Recon,
    /// Argo CD's `applications.argoproj.io`.
    #[serde(rename = "argocd")]
    ArgoCd,
    /// Flux's `kustomizations.kustomize.toolkit.fluxcd.io`.
    #[serde(rename = "flux")]
    Flux,
}

impl Tool {
    pub const ALL: [Tool; 3] = [Tool::Recon, Tool::ArgoCd, Tool::Flux];

    /// The name users type and tables show.
    pub fn as_str(self) -> &'static str {
        match self {
            Tool::Recon => "recon",
            Tool::ArgoCd => "argocd",
            Tool::Flux => "flux",
        }
    }

    pub fn parse(text: &str) -> Option<Tool> {
        Tool::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

impl std::fmt::Display for Tool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
