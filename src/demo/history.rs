//! The demo repository: fourteen commits by a few people over four apps
//! (one of them, shop, deployed by Argo CD), including a bad worker release. Returns the commits the demo refers to.

use std::path::Path;

use super::manifests::*;
use crate::testbed::RepoBuilder;

pub struct DemoRepo {
    pub url: String,
    /// The last good worker release (before the bad one).
    pub worker_good: String,
}

struct Author(&'static str, &'static str);
const ANA: Author = Author("Ana Lima", "ana@shop.example");
const RAJ: Author = Author("Raj Patel", "raj@shop.example");
const MEI: Author = Author("Mei Chen", "mei@shop.example");

pub fn build(path: &Path) -> Result<DemoRepo, git2::Error> {
    let mut r = RepoBuilder::init_bare(path)?;
    // A believable recent past: the commits land an hour apart, ending now.
    r.set_clock(jiff::Timestamp::now().as_second() - 14 * 3600, 3600);
    let commit = |r: &mut RepoBuilder, msg: &str, who: &Author| r.commit_as(msg, who.0, who.1);
    r.write(
        "README.md",
        "# shop deploy\n\nOne folder per app under apps/.\n",
    )
    .write("apps/web/namespace.yaml", namespace("web"))
    .write(
        "apps/web/deployment.yaml",
        deployment("web", "nginx:1.25.2", 2, ""),
    )
    .write("apps/web/service.yaml", service("web"));
    commit(&mut r, "web: first deployment of the storefront", &ANA)?;
    r.write("apps/api/namespace.yaml", namespace("api"))
        .write(
            "apps/api/deployment.yaml",
            deployment("api", "shop/api:2.3.0", 2, ""),
        )
        .write("apps/api/service.yaml", service("api"))
        .write(
            "apps/api/config.yaml",
            configmap("api-config", &[("POOL_SIZE", "20"), ("LOG_LEVEL", "info")]),
        )
        .write(
            "apps/api/secret.yaml",
            secret("api-db", "hunter2-demo-only"),
        );
    commit(
        &mut r,
        "api: deploy 2.3.0 with its database credentials",
        &RAJ,
    )?;
    r.write("apps/worker/namespace.yaml", namespace("worker"))
        .write(
            "apps/worker/deployment.yaml",
            deployment("worker", "shop/worker:1.2.0", 1, ""),
        );
    commit(&mut r, "worker: queue consumer 1.2.0", &MEI)?;
    r.write(
        "apps/web/deployment.yaml",
        deployment("web", "nginx:1.25.3", 2, ""),
    );
    commit(&mut r, "web: bump nginx to 1.25.3 (CVE fix)", &ANA)?;
    r.write(
        "apps/api/config.yaml",
        configmap("api-config", &[("POOL_SIZE", "50"), ("LOG_LEVEL", "info")]),
    );
    commit(&mut r, "api: raise the connection pool to 50", &RAJ)?;
    r.write(
        "README.md",
        "# shop deploy\n\nOne folder per app under apps/.\nOn-call runbook: see wiki/oncall.\n",
    );
    commit(&mut r, "docs: link the on-call runbook", &MEI)?;
    r.write(
        "apps/web/cache.yaml",
        configmap("web-cache", &[("max-age", "300")]),
    );
    commit(&mut r, "web: cache static assets for five minutes", &ANA)?;
    r.write(
        "apps/worker/deployment.yaml",
        deployment("worker", "shop/worker:1.3.0", 3, ""),
    );
    let worker_good = commit(&mut r, "worker: 1.3.0, scale to 3 for the sale", &MEI)?;
    r.write(
        "apps/api/secret.yaml",
        secret("api-db", "correct-horse-demo-only"),
    );
    commit(&mut r, "api: rotate the database password", &RAJ)?;
    r.write(
        "apps/web/deployment.yaml",
        deployment("web", "nginx:1.26.0", 3, ""),
    );
    commit(&mut r, "web: nginx 1.26.0 and a third replica", &ANA)?;
    r.write(
        "apps/worker/deployment.yaml",
        deployment("worker", "shop/worker:1.4.0", 3, GPU_NODE_SELECTOR),
    );
    commit(&mut r, "worker: 1.4.0 moves inference to GPU nodes", &MEI)?;
    r.write(
        "apps/api/config.yaml",
        configmap(
            "api-config",
            &[
                ("POOL_SIZE", "50"),
                ("LOG_LEVEL", "info"),
                ("TRACING", "on"),
            ],
        ),
    );
    commit(&mut r, "api: turn on tracing", &RAJ)?;
    r.write(
        "apps/shop/deployment.yaml",
        deployment("shop", "shop/checkout:3.1.0", 2, ""),
    )
    .write(
        "apps/shop/config.yaml",
        configmap("shop-config", &[("CURRENCY", "EUR")]),
    );
    commit(&mut r, "shop: checkout 3.1.0, deployed by Argo CD", &ANA)?;
    r.write(
        "apps/shop/deployment.yaml",
        deployment("shop", "shop/checkout:3.2.0", 2, ""),
    );
    commit(&mut r, "shop: checkout 3.2.0 with saved carts", &MEI)?;
    Ok(DemoRepo {
        url: r.url(),
        worker_good,
    })
}
