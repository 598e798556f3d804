package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	nodefast "sigs.k8s.io/kwok/kustomize/stage/node/fast"
	nodelease "sigs.k8s.io/kwok/kustomize/stage/node/heartbeat-with-lease"
	podfast "sigs.k8s.io/kwok/kustomize/stage/pod/fast"
)

// cluster is one control plane: etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler and kwok, all on loopback ports of their own.
type cluster struct {
	Name          string
	Dir           string
	Server        string
	AdminToken    string
	ReadonlyToken string
	// KubeletAddress is kwok's kubelet-like server (host:port), which every
	// fake node advertises; kube-apiserver reaches it for logs.
	KubeletAddress string
	PKI            *pki
	components     []*component
	argo           *argoReport // set when Argo CD runs beside this cluster
	flux           *fluxReport // set when Flux runs beside this cluster
	tempFiles      []string    // outside Dir, removed by stop
	progress       func(string)
}

type binaries struct{ dir string }

func (b binaries) path(name string) string { return filepath.Join(b.dir, name) }

func startCluster(ctx context.Context, name, root string, bins binaries, nodes int, gates string, progress func(string)) (*cluster, error) {
	dir := filepath.Join(root, name)
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	c := &cluster{Name: name, Dir: dir, progress: progress}
	if err := c.start(ctx, bins, nodes, gates); err != nil {
		c.stop()
		return nil, fmt.Errorf("cluster %s: %w", name, err)
	}
	return c, nil
}

func (c *cluster) start(ctx context.Context, bins binaries, nodes int, gates string) error {
	var err error
	if c.PKI, err = newPKI(filepath.Join(c.Dir, "pki")); err != nil {
		return fmt.Errorf("pki: %w", err)
	}
	if c.AdminToken, err = randomToken(); err != nil {
		return err
	}
	if c.ReadonlyToken, err = randomToken(); err != nil {
		return err
	}
	tokenFile := filepath.Join(c.Dir, "pki", "tokens.csv")
	tokens := fmt.Sprintf("%s,admin,admin-uid,\"system:masters\"\n%s,viewer,viewer-uid,\"recon-testenv:readonly\"\n", c.AdminToken, c.ReadonlyToken)
	if err := os.WriteFile(tokenFile, []byte(tokens), 0o600); err != nil {
		return err
	}

	etcdClient, err := freePort()
	if err != nil {
		return err
	}
	etcdPeer, err := freePort()
	if err != nil {
		return err
	}
	apiPort, err := freePort()
	if err != nil {
		return err
	}
	c.Server = fmt.Sprintf("https://127.0.0.1:%d", apiPort)

	c.progress("starting etcd")
	etcd, err := startComponent(c.Dir, "etcd", bins.path("etcd"),
		"--name=default",
		"--data-dir="+filepath.Join(c.Dir, "etcd-data"),
		fmt.Sprintf("--listen-client-urls=http://127.0.0.1:%d", etcdClient),
		fmt.Sprintf("--advertise-client-urls=http://127.0.0.1:%d", etcdClient),
		fmt.Sprintf("--listen-peer-urls=http://127.0.0.1:%d", etcdPeer),
		fmt.Sprintf("--initial-advertise-peer-urls=http://127.0.0.1:%d", etcdPeer),
		fmt.Sprintf("--initial-cluster=default=http://127.0.0.1:%d", etcdPeer),
		"--listen-metrics-urls=",
		// Test data is disposable: skip fsync, it dominates start-up on slow disks.
		"--unsafe-no-fsync",
		"--quota-backend-bytes=1073741824",
	)
	if err != nil {
		return err
	}
	c.components = append(c.components, etcd)

	c.progress("starting kube-apiserver")
	apiArgs := []string{
		fmt.Sprintf("--etcd-servers=http://127.0.0.1:%d", etcdClient),
		"--bind-address=127.0.0.1",
		fmt.Sprintf("--secure-port=%d", apiPort),
		"--tls-cert-file=" + c.PKI.CertFile,
		"--tls-private-key-file=" + c.PKI.KeyFile,
		"--client-ca-file=" + c.PKI.CAFile,
		"--token-auth-file=" + tokenFile,
		"--service-account-key-file=" + c.PKI.SAPubFile,
		"--service-account-signing-key-file=" + c.PKI.SAKeyFile,
		"--service-account-issuer=https://kubernetes.default.svc",
		"--service-cluster-ip-range=10.0.0.0/24",
		"--authorization-mode=Node,RBAC",
		"--endpoint-reconciler-type=none",
		"--allow-privileged=true",
		"--storage-backend=etcd3",
		"--profiling=false",
		// Logs, exec and port-forward go to kwok's kubelet-like server on the
		// node's InternalIP (127.0.0.1, see kwok below); it serves the
		// apiserver's own certificate, so the CA can verify it.
		"--kubelet-preferred-address-types=InternalIP",
		"--kubelet-certificate-authority=" + c.PKI.CAFile,
	}
	if gates != "" {
		apiArgs = append(apiArgs, "--feature-gates="+gates)
	}
	api, err := startComponent(c.Dir, "kube-apiserver", bins.path("kube-apiserver"), apiArgs...)
	if err != nil {
		return err
	}
	c.components = append(c.components, api)

	if err := c.waitAPIServer(ctx, api); err != nil {
		return err
	}

	kubeconfig := filepath.Join(c.Dir, "admin.kubeconfig")
	if err := writeKubeconfig(kubeconfig, []kubeContext{{Name: c.Name, Server: c.Server, CAPEM: c.PKI.CAPEM, Token: c.AdminToken}}, c.Name); err != nil {
		return err
	}

	c.progress("starting kube-controller-manager, kube-scheduler, kwok")
	kcmPort, err := freePort()
	if err != nil {
		return err
	}
	kcm, err := startComponent(c.Dir, "kube-controller-manager", bins.path("kube-controller-manager"),
		"--kubeconfig="+kubeconfig,
		"--leader-elect=false",
		"--bind-address=127.0.0.1",
		fmt.Sprintf("--secure-port=%d", kcmPort),
		"--service-account-private-key-file="+c.PKI.SAKeyFile,
		"--root-ca-file="+c.PKI.CAFile,
		"--use-service-account-credentials=false",
		// nodelifecycle is off: with kwok's heartbeats it sometimes judged nodes
		// lost after ~50 s and marked every pod NotReady for good. Without it
		// nothing lifts the not-ready taint, so bootstrap removes it itself.
		"--controllers=*,-nodeipam,-nodelifecycle,-persistentvolume-binder,-attachdetach,-persistentvolume-expander,-cloud-node-lifecycle,-ttl",
	)
	if err != nil {
		return err
	}
	c.components = append(c.components, kcm)

	schedPort, err := freePort()
	if err != nil {
		return err
	}
	sched, err := startComponent(c.Dir, "kube-scheduler", bins.path("kube-scheduler"),
		"--kubeconfig="+kubeconfig,
		"--leader-elect=false",
		"--bind-address=127.0.0.1",
		fmt.Sprintf("--secure-port=%d", schedPort),
	)
	if err != nil {
		return err
	}
	c.components = append(c.components, sched)

	stages := filepath.Join(c.Dir, "kwok-stages.yaml")
	if err := os.WriteFile(stages, []byte(kwokStages()), 0o644); err != nil {
		return err
	}
	kwokPort, err := freePort()
	if err != nil {
		return err
	}
	if err := c.installKwokLogCRDs(ctx); err != nil {
		return err
	}
	c.KubeletAddress = fmt.Sprintf("127.0.0.1:%d", kwokPort)
	kwok, err := startComponent(c.Dir, "kwok", bins.path("kwok"),
		"--kubeconfig="+kubeconfig,
		"--config="+stages,
		"--manage-all-nodes=false",
		"--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
		// Every fake node advertises kwok's server as its kubelet: InternalIP
		// and daemonEndpoints.kubeletEndpoint.Port (kwok's node stage).
		"--node-ip=127.0.0.1",
		"--cidr=10.0.2.0/24",
		fmt.Sprintf("--node-port=%d", kwokPort),
		"--server-address="+c.KubeletAddress,
		"--tls-cert-file="+c.PKI.CertFile,
		"--tls-private-key-file="+c.PKI.KeyFile,
		"--enable-crds="+strings.Join(kwokLogKinds, ","),
	)
	if err != nil {
		return err
	}
	c.components = append(c.components, kwok)

	if err := c.bootstrap(ctx, nodes); err != nil {
		return err
	}
	return c.waitKubelet(ctx)
}

// kwokStages are the "fast" node and pod stages that ship inside kwok's module:
// nodes become Ready at once, pods Running/Ready as soon as they are scheduled.
func kwokStages() string {
	docs := []string{nodefast.DefaultNodeInit, nodelease.DefaultNodeHeartbeatWithLease, podfast.DefaultPodReady, podfast.DefaultPodComplete, podfast.DefaultPodDelete}
	for i := range docs {
		docs[i] = strings.TrimSpace(docs[i])
	}
	return strings.Join(docs, "\n---\n") + "\n"
}

// checkAlive reports a component that died, with the end of its log.
func (c *cluster) checkAlive() error {
	for _, comp := range c.components {
		if comp.held {
			continue
		}
		if done, err := comp.exited(); done {
			return fmt.Errorf("%s exited (%v); last log lines:\n%s", comp.name, err, comp.tailLog(2000))
		}
	}
	return nil
}

func (c *cluster) pids() []int {
	var out []int
	for _, comp := range c.components {
		out = append(out, comp.cmd.Process.Pid)
	}
	return out
}

// stop stops components in reverse start order (clients before etcd).
func (c *cluster) stop() {
	for i := len(c.components) - 1; i >= 0; i-- {
		c.components[i].stop(5 * time.Second)
	}
	for _, f := range c.tempFiles {
		_ = os.Remove(f)
	}
}
