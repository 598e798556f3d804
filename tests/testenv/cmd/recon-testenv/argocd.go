package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// argoBinaries is the directory the harness built Argo CD into: the one
// `argocd` binary, the CRD files and git-verify-wrapper.sh, all copied from
// the Argo CD module at build time.
type argoBinaries struct{ dir string }

// argoReport tells the test side where Argo CD runs on a cluster.
type argoReport struct {
	Namespace         string         `json:"namespace"`
	Redis             string         `json:"redis"`
	RepoServer        string         `json:"repoServer"`
	ControllerMetrics string         `json:"controllerMetrics"`
	RepoServerMetrics string         `json:"repoServerMetrics"`
	Pids              map[string]int `json:"pids"`
}

// startArgoCD runs Argo CD's application controller and repo-server (with a
// redis of their own) against this cluster, outside it: they reach the API
// server through the admin kubeconfig, as `https://kubernetes.default.svc`
// (ARGOCD_FAKE_IN_CLUSTER). No API server, no UI, no Dex: Applications are
// created and driven with kubectl, as a GitOps console sees them.
func (c *cluster) startArgoCD(ctx context.Context, bins argoBinaries) error {
	redisBin, err := exec.LookPath("redis-server")
	if err != nil {
		return fmt.Errorf("Argo CD needs redis-server on PATH (Debian/Ubuntu package `redis-server`): %w", err)
	}
	if _, err := exec.LookPath("git"); err != nil {
		return fmt.Errorf("Argo CD's repo-server needs git on PATH (Debian/Ubuntu package `git`): %w", err)
	}
	c.progress("Argo CD: creating CRDs, namespace argocd, settings and AppProject default")
	if err := c.installArgoCD(ctx, bins); err != nil {
		return err
	}
	ports, err := freePorts(4)
	if err != nil {
		return err
	}
	redisPort, repoPort, repoMetrics, ctrlMetrics := ports[0], ports[1], ports[2], ports[3]
	redisAddr := fmt.Sprintf("127.0.0.1:%d", redisPort)
	repoAddr := fmt.Sprintf("127.0.0.1:%d", repoPort)

	c.progress("Argo CD: starting redis, repo-server and application controller")
	redis, err := startComponent(c.Dir, "redis", redisBin,
		"--port", fmt.Sprint(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	if err != nil {
		return err
	}
	c.components = append(c.components, redis)
	if err := c.poll(ctx, "redis on "+redisAddr, 30*time.Second, func() (bool, string) { return redisPing(redisAddr) }); err != nil {
		return err
	}

	env, err := c.argoEnv(bins)
	if err != nil {
		return err
	}
	argocd := filepath.Join(bins.dir, "argocd")
	repo, err := startComponentEnv(c.Dir, "argocd-repo-server", argocd,
		append(env, "ARGOCD_BINARY_NAME=argocd-repo-server"),
		"--port", fmt.Sprint(repoPort),
		"--address", "127.0.0.1",
		"--metrics-address", "127.0.0.1",
		"--metrics-port", fmt.Sprint(repoMetrics),
		"--redis", redisAddr,
		"--logformat", "text",
	)
	if err != nil {
		return err
	}
	c.components = append(c.components, repo)
	ctrl, err := startComponentEnv(c.Dir, "argocd-application-controller", argocd,
		append(env, "ARGOCD_BINARY_NAME=argocd-application-controller"),
		"--namespace", argoNamespace,
		"--redis", redisAddr,
		"--repo-server", repoAddr,
		"--metrics-port", fmt.Sprint(ctrlMetrics),
		// Per-resource health in status.resources (off by default since v3).
		"--persist-resource-health",
		// Test-bed pace: refresh every 10 s with no random delay, and retry
		// self-heal quickly (upstream backs off up to 5 minutes).
		"--app-resync", "10",
		"--app-resync-jitter", "0",
		"--self-heal-backoff-timeout-seconds", "1",
		"--self-heal-backoff-cap-seconds", "5",
		"--logformat", "text",
	)
	if err != nil {
		return err
	}
	c.components = append(c.components, ctrl)

	// The repo-server's full health check dials its own gRPC port; the
	// controller serves metrics only once its informers have synced.
	if err := c.poll(ctx, "argocd-repo-server gRPC health", 90*time.Second, func() (bool, string) {
		return httpOK(fmt.Sprintf("http://127.0.0.1:%d/healthz?full=true", repoMetrics))
	}); err != nil {
		return err
	}
	if err := c.poll(ctx, "argocd-application-controller /healthz", 90*time.Second, func() (bool, string) {
		return httpOK(fmt.Sprintf("http://127.0.0.1:%d/healthz", ctrlMetrics))
	}); err != nil {
		return err
	}
	c.argo = &argoReport{
		Namespace:         argoNamespace,
		Redis:             redisAddr,
		RepoServer:        repoAddr,
		ControllerMetrics: fmt.Sprintf("127.0.0.1:%d", ctrlMetrics),
		RepoServerMetrics: fmt.Sprintf("127.0.0.1:%d", repoMetrics),
		Pids: map[string]int{
			"redis":                         redis.cmd.Process.Pid,
			"argocd-repo-server":            repo.cmd.Process.Pid,
			"argocd-application-controller": ctrl.cmd.Process.Pid,
		},
	}
	return nil
}

// argoEnv is the environment both Argo CD components run with. Their data
// paths and TMPDIR (the repo-server clones into TMPDIR/_argocd-repo) are
// under the cluster's dir, so two clusters never share them and a stop
// removes them; PATH starts with the dir holding git-verify-wrapper.sh,
// which v3.6's repo-server runs for every revision.
func (c *cluster) argoEnv(bins argoBinaries) ([]string, error) {
	root := filepath.Join(c.Dir, "argocd")
	dirs := map[string]string{}
	for _, d := range []string{"tls", "ssh", "gnupg", "tmp"} {
		dirs[d] = filepath.Join(root, d)
		if err := os.MkdirAll(dirs[d], 0o700); err != nil {
			return nil, err
		}
	}
	return []string{
		"ARGOCD_FAKE_IN_CLUSTER=true",
		"KUBECONFIG=" + filepath.Join(c.Dir, "admin.kubeconfig"),
		"ARGOCD_GPG_ENABLED=false",
		"ARGOCD_TLS_DATA_PATH=" + dirs["tls"],
		"ARGOCD_SSH_DATA_PATH=" + dirs["ssh"],
		"ARGOCD_GNUPGHOME=" + dirs["gnupg"],
		"TMPDIR=" + dirs["tmp"],
		"ARGOCD_ASK_PASS_SOCK=" + c.askPassSocket(root),
		"PATH=" + bins.dir + string(os.PathListSeparator) + os.Getenv("PATH"),
	}, nil
}

// askPassSocket is where the repo-server serves Git credentials to git.
// Upstream's default is one fixed path in /tmp, which a second repo-server
// takes over (it removes the file before listening), so each cluster gets
// its own; a unix socket path must stay under 108 bytes, so a deep work dir
// falls back to /tmp, removed when the cluster stops.
func (c *cluster) askPassSocket(root string) string {
	p := filepath.Join(root, "askpass.sock")
	if len(p) < 100 {
		return p
	}
	p = filepath.Join(os.TempDir(), fmt.Sprintf("recon-testenv-%d-%s-askpass.sock", os.Getpid(), c.Name))
	c.tempFiles = append(c.tempFiles, p)
	return p
}

func redisPing(addr string) (bool, string) {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false, err.Error()
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(time.Second))
	if _, err := conn.Write([]byte("PING\r\n")); err != nil {
		return false, err.Error()
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return false, err.Error()
	}
	return strings.TrimSpace(line) == "+PONG", line
}

func httpOK(url string) (bool, string) {
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return false, err.Error()
	}
	defer resp.Body.Close()
	return resp.StatusCode == 200, resp.Status
}
