//! Credentials for fetch and push that never block on a prompt.
//!
//! libgit2 calls the credential callback again after every rejected attempt;
//! answering with the same credential forever would loop, so each source is
//! tried at most once and then the callback gives up with an error that says
//! what was tried.

use std::path::PathBuf;

use git2::{Cred, CredentialType, RemoteCallbacks};

use super::url::url_credentials;

/// User name used for ssh when the URL names none (GitHub/GitLab convention).
const DEFAULT_SSH_USER: &str = "git";

/// Remote callbacks carrying the non-interactive credential chain for `raw_url`.
pub(crate) fn remote_callbacks(raw_url: &str) -> RemoteCallbacks<'_> {
    let mut callbacks = RemoteCallbacks::new();
    let mut chain = CredentialChain::default();
    callbacks.credentials(move |url, username_from_url, allowed| {
        chain.next_credential(raw_url, url, username_from_url, allowed)
    });
    callbacks
}

/// Which credential sources were already offered to the server.
#[derive(Default)]
struct CredentialChain {
    username: bool,
    ssh_agent: bool,
    ssh_key_files: Vec<PathBuf>,
    ssh_key_files_listed: bool,
    credential_helper: bool,
    url_userinfo: bool,
    negotiate: bool,
    tried: Vec<&'static str>,
}

impl CredentialChain {
    /// Remembers a source for the final error message (once each).
    fn note(&mut self, source: &'static str) {
        if !self.tried.contains(&source) {
            self.tried.push(source);
        }
    }

    fn next_credential(
        &mut self,
        raw_url: &str,
        url: &str,
        username_from_url: Option<&str>,
        allowed: CredentialType,
    ) -> Result<Cred, git2::Error> {
        let ssh_user = username_from_url.unwrap_or(DEFAULT_SSH_USER);

        // ssh first asks for a user name when the URL has none.
        if allowed.contains(CredentialType::USERNAME) && !self.username {
            self.username = true;
            return Cred::username(ssh_user);
        }

        if allowed.contains(CredentialType::SSH_KEY) {
            if !self.ssh_agent {
                self.ssh_agent = true;
                self.note("ssh-agent");
                match Cred::ssh_key_from_agent(ssh_user) {
                    Ok(cred) => return Ok(cred),
                    Err(err) => tracing::debug!(error = %err, "ssh-agent unavailable"),
                }
            }
            // In a pod there is no agent, only a mounted key without passphrase.
            if !self.ssh_key_files_listed {
                self.ssh_key_files_listed = true;
                self.ssh_key_files = default_ssh_key_files();
            }
            if let Some(key) = self.ssh_key_files.pop() {
                self.note("ssh key file");
                return Cred::ssh_key(ssh_user, None, &key, None);
            }
        }

        if allowed.contains(CredentialType::USER_PASS_PLAINTEXT) {
            if !self.credential_helper {
                self.credential_helper = true;
                self.note("git credential helper");
                let helper_result = git2::Config::open_default()
                    .and_then(|config| Cred::credential_helper(&config, url, username_from_url));
                match helper_result {
                    Ok(cred) => return Ok(cred),
                    Err(err) => tracing::debug!(error = %err, "no credential from helper"),
                }
            }
            if !self.url_userinfo {
                self.url_userinfo = true;
                if let Some((user, password)) = url_credentials(raw_url) {
                    self.note("credentials in URL");
                    return Cred::userpass_plaintext(&user, password.as_deref().unwrap_or(""));
                }
            }
        }

        if allowed.contains(CredentialType::DEFAULT) && !self.negotiate {
            self.negotiate = true;
            self.note("negotiate");
            return Cred::default();
        }

        let tried = if self.tried.is_empty() {
            "nothing applicable".to_string()
        } else {
            self.tried.join(", ")
        };
        Err(git2::Error::from_str(&format!(
            "authentication failed (tried: {tried}); recon never prompts: \
             configure an ssh-agent or key, a git credential helper, or a token in the URL"
        )))
    }
}

/// Private keys in the conventional places, in the order ssh tries them
/// (the list is popped from the end).
fn default_ssh_key_files() -> Vec<PathBuf> {
    let Some(ssh_dir) = dirs::home_dir().map(|home| home.join(".ssh")) else {
        return Vec::new();
    };
    let mut keys: Vec<PathBuf> = ["id_ed25519", "id_ecdsa", "id_rsa"]
        .iter()
        .map(|name| ssh_dir.join(name))
        .filter(|path| path.is_file())
        .collect();
    keys.reverse();
    keys
}
