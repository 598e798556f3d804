package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// fluxNamespace is where the Flux controllers record their events and where
// tests may keep Flux objects; the controllers watch every namespace.
const fluxNamespace = "flux-system"

// fluxBinaries is the directory the harness built Flux into: the
// source-controller and kustomize-controller binaries and, under crds/, the
// CRD files copied from both modules' config/crd/bases at build time.
type fluxBinaries struct{ dir string }

// fluxReport tells the test side where Flux runs on a cluster.
type fluxReport struct {
	Namespace string `json:"namespace"`
	// Artifact storage server of source-controller (kustomize-controller
	// downloads from it), host:port on loopback.
	Storage                string         `json:"storage"`
	SourceControllerHealth string         `json:"sourceControllerHealth"`
	KustomizeHealth        string         `json:"kustomizeControllerHealth"`
	Pids                   map[string]int `json:"pids"`
}

// startFlux runs Flux's source-controller and kustomize-controller against
// this cluster, outside it, through the admin kubeconfig. GitRepository and
// Kustomization objects are created with kubectl; the controllers do the rest.
func (c *cluster) startFlux(ctx context.Context, bins fluxBinaries) error {
	c.progress("Flux: creating CRDs and namespace " + fluxNamespace)
	crds, err := filepath.Glob(filepath.Join(bins.dir, "crds", "*.yaml"))
	if err != nil || len(crds) == 0 {
		return fmt.Errorf("no Flux CRD files in %s/crds (%v)", bins.dir, err)
	}
	sort.Strings(crds)
	for _, file := range crds {
		if err := c.applyCRD(ctx, file); err != nil {
			return err
		}
	}
	if err := c.create(ctx, "/api/v1/namespaces", map[string]any{
		"apiVersion": "v1", "kind": "Namespace",
		"metadata": map[string]any{"name": fluxNamespace},
	}); err != nil {
		return err
	}

	ports, err := freePorts(5)
	if err != nil {
		return err
	}
	addr := func(p int) string { return fmt.Sprintf("127.0.0.1:%d", p) }
	storage, scMetrics, scHealth, kcMetrics, kcHealth := addr(ports[0]), addr(ports[1]), addr(ports[2]), addr(ports[3]), addr(ports[4])

	root := filepath.Join(c.Dir, "flux")
	storageDir := filepath.Join(root, "storage")
	if err := os.MkdirAll(storageDir, 0o700); err != nil {
		return err
	}
	env := func(name string) ([]string, error) {
		// Each controller its own TMPDIR (source-controller clones into it)
		// under the cluster's dir, so clusters never share one and a stop
		// removes it.
		tmp := filepath.Join(root, name+"-tmp")
		if err := os.MkdirAll(tmp, 0o700); err != nil {
			return nil, err
		}
		return []string{
			"KUBECONFIG=" + filepath.Join(c.Dir, "admin.kubeconfig"),
			"RUNTIME_NAMESPACE=" + fluxNamespace,
			"TMPDIR=" + tmp,
		}, nil
	}
	// Test-bed pace: a Kustomization whose source has no artifact yet is
	// retried after 5 s, not upstream's 30 s.
	common := func(metrics, health string) []string {
		return []string{
			"--metrics-addr=" + metrics,
			"--health-addr=" + health,
			"--requeue-dependency=5s",
			"--log-encoding=console",
		}
	}

	c.progress("Flux: starting source-controller and kustomize-controller")
	scEnv, err := env("source-controller")
	if err != nil {
		return err
	}
	sc, err := startComponentEnv(c.Dir, "source-controller", filepath.Join(bins.dir, "source-controller"), scEnv,
		append(common(scMetrics, scHealth),
			"--storage-path="+storageDir,
			"--storage-addr="+storage,
			"--storage-adv-addr="+storage,
		)...)
	if err != nil {
		return err
	}
	c.components = append(c.components, sc)
	kcEnv, err := env("kustomize-controller")
	if err != nil {
		return err
	}
	kc, err := startComponentEnv(c.Dir, "kustomize-controller", filepath.Join(bins.dir, "kustomize-controller"), kcEnv,
		common(kcMetrics, kcHealth)...)
	if err != nil {
		return err
	}
	c.components = append(c.components, kc)

	for _, probe := range []struct{ what, url string }{
		{"source-controller /readyz", "http://" + scHealth + "/readyz"},
		{"kustomize-controller /readyz", "http://" + kcHealth + "/readyz"},
	} {
		if err := c.poll(ctx, probe.what, 90*time.Second, func() (bool, string) { return httpOK(probe.url) }); err != nil {
			return err
		}
	}
	// The artifact server starts once the manager runs (it is always the
	// leader here: leader election is off by default).
	if err := c.poll(ctx, "source-controller artifact storage on "+storage, 60*time.Second, func() (bool, string) {
		return tcpOpen(storage)
	}); err != nil {
		return err
	}
	c.flux = &fluxReport{
		Namespace:              fluxNamespace,
		Storage:                storage,
		SourceControllerHealth: scHealth,
		KustomizeHealth:        kcHealth,
		Pids: map[string]int{
			"source-controller":    sc.cmd.Process.Pid,
			"kustomize-controller": kc.cmd.Process.Pid,
		},
	}
	return nil
}

func tcpOpen(addr string) (bool, string) {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false, err.Error()
	}
	conn.Close()
	return true, ""
}
