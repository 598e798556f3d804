# The recon agent's image: `recon agent` in a cluster, as `recon install --agent`
# deploys it. Built by nobody here (no container engine on the project's machines):
#   docker build -t registry.example/recon:0.1 .
#   docker push registry.example/recon:0.1
#   recon install --agent --image registry.example/recon:0.1

# recon itself. git2 builds libgit2 and libssh2 from source and links OpenSSL.
FROM rust:1.95-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends pkg-config libssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin recon

# Kustomize-mode apps are rendered by `kustomize build` and Helm-mode apps by
# `helm template`; recon does not shell out to git.
FROM golang:1.26-bookworm AS tools
RUN CGO_ENABLED=0 GOBIN=/out go install sigs.k8s.io/kustomize/kustomize/v5@v5.8.1 \
 && CGO_ENABLED=0 GOBIN=/out go install helm.sh/helm/v3/cmd/helm@v3.22.0

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3 \
 && rm -rf /var/lib/apt/lists/*
# The uid the Deployment runs as (runAsUser 10001); no login, no home on the
# read-only root filesystem: HOME and the Git cache are an emptyDir.
RUN groupadd --system --gid 10001 recon \
 && useradd --system --uid 10001 --gid recon --no-create-home --home-dir /var/cache/recon --shell /usr/sbin/nologin recon
COPY --from=build /src/target/release/recon /usr/local/bin/recon
COPY --from=tools /out/kustomize /out/helm /usr/local/bin/
ENV HOME=/var/cache/recon \
    RECON_CACHE_DIR=/var/cache/recon/repos \
    RECON_AUDIT_LOG=/var/cache/recon/audit.jsonl
USER 10001:10001
EXPOSE 9090
ENTRYPOINT ["recon"]
CMD ["agent", "--metrics-addr", "0.0.0.0:9090"]
