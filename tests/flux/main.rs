//! recon's test bed running real Flux (source-controller and
//! kustomize-controller, built from their Go modules): GitRepository and
//! Kustomization objects created with kubectl are reconciled by Flux itself,
//! from repositories served over Git's smart HTTP protocol. Nothing here
//! writes a Flux object's status: Flux does.

#[path = "../support/mod.rs"]
mod support;

#[path = "../argocd/fixtures.rs"]
mod fixtures;

#[path = "../console/tmux.rs"]
#[allow(dead_code)]
mod tmux;

mod console;
mod kustomization;
mod lifecycle;
mod recon_flux;
