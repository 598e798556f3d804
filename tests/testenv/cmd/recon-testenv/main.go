// Command recon-testenv runs real Kubernetes control planes (etcd,
// kube-apiserver, kube-controller-manager, kube-scheduler and kwok) on
// loopback for recon's tests and demo.
//
// It owns every process it starts: each runs in its own process group with a
// parent-death signal, and the supervisor stops them all on SIGTERM/SIGINT
// or, with --lifeline (the default), as soon as its standard input closes,
// which happens when the process that started it dies for any reason.
//
// It reports on standard output as JSON lines:
//
//	{"event":"progress","cluster":"prod","message":"starting etcd"}
//	{"event":"ready","kubeconfig":"...","clusters":[...]}
//	{"event":"error","message":"..."}
//	{"event":"stopped"}
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

type clusterReport struct {
	Name            string `json:"name"`
	Context         string `json:"context"`
	ReadonlyContext string `json:"readonlyContext"`
	Server          string `json:"server"`
	Dir             string `json:"dir"`
	Pids            []int  `json:"pids"`
	// kwok's kubelet-like server that every fake node advertises (host:port):
	// it serves container logs from the files named by kwok ClusterLogs/Logs
	// objects (see kwok_logs.go).
	Kubelet string `json:"kubelet"`
	// Argo CD running against this cluster (--argocd), else absent.
	ArgoCD *argoReport `json:"argocd,omitempty"`
	// Flux running against this cluster (--flux), else absent.
	Flux *fluxReport `json:"flux,omitempty"`
}

type event struct {
	Event      string          `json:"event"`
	Cluster    string          `json:"cluster,omitempty"`
	Message    string          `json:"message,omitempty"`
	Kubeconfig string          `json:"kubeconfig,omitempty"`
	Clusters   []clusterReport `json:"clusters,omitempty"`
	Seconds    float64         `json:"seconds,omitempty"`
	// The Git smart-HTTP server (with --flux), on the ready event.
	Git *gitReport `json:"git,omitempty"`
}

var outMu sync.Mutex

func emit(e event) {
	outMu.Lock()
	defer outMu.Unlock()
	b, _ := json.Marshal(e)
	fmt.Println(string(b))
}

func main() {
	if len(os.Args) < 2 || os.Args[1] != "up" {
		fmt.Fprintln(os.Stderr, "usage: recon-testenv up --bin-dir DIR --work-dir DIR --cluster NAME[,NAME...] [--nodes N] [--kubeconfig PATH] [--lifeline=false] [--keep-work-dir] [--argocd NAME,... --argocd-bin-dir DIR] [--flux NAME,... --flux-bin-dir DIR] [--git-root DIR] [--apiserver-feature-gates GATES]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet("up", flag.ExitOnError)
	binDir := fs.String("bin-dir", "", "directory holding etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok")
	workDir := fs.String("work-dir", "", "directory for cluster state, logs and the kubeconfig")
	clusterList := fs.String("cluster", "", "comma-separated names of the control planes to start; each becomes a kubeconfig context")
	nodes := fs.Int("nodes", 2, "fake kwok nodes per cluster")
	kubeconfig := fs.String("kubeconfig", "", "where to write the kubeconfig (default WORK-DIR/kubeconfig)")
	lifeline := fs.Bool("lifeline", true, "stop everything when standard input closes")
	keep := fs.Bool("keep-work-dir", false, "leave the work directory in place after stopping")
	argoList := fs.String("argocd", "", "comma-separated names of the clusters (among --cluster) that also run Argo CD")
	argoDir := fs.String("argocd-bin-dir", "", "directory holding argocd, its CRD files and git-verify-wrapper.sh (needed with --argocd)")
	fluxList := fs.String("flux", "", "comma-separated names of the clusters (among --cluster) that also run Flux")
	fluxDir := fs.String("flux-bin-dir", "", "directory holding source-controller, kustomize-controller and crds/ (needed with --flux)")
	gates := fs.String("apiserver-feature-gates", "", "kube-apiserver --feature-gates for every cluster (e.g. WatchList=false, to stand in for an older server)")
	gitRoot := fs.String("git-root", "", "directory of bare repositories served over Git smart HTTP (default WORK-DIR/git; served with --flux)")
	_ = fs.Parse(os.Args[2:])

	names := splitNames(*clusterList)
	if *binDir == "" || *workDir == "" || len(names) == 0 {
		fmt.Fprintln(os.Stderr, "recon-testenv: --bin-dir, --work-dir and --cluster are required")
		os.Exit(2)
	}
	argoOn, err := extraPlan("--argocd", names, splitNames(*argoList), *argoDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "recon-testenv:", err)
		os.Exit(2)
	}
	fluxOn, err := extraPlan("--flux", names, splitNames(*fluxList), *fluxDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "recon-testenv:", err)
		os.Exit(2)
	}
	extras := extrasPlanned{argo: argoOn, argoBins: argoBinaries{*argoDir}, flux: fluxOn, fluxBins: fluxBinaries{*fluxDir}}
	if *gitRoot == "" {
		*gitRoot = filepath.Join(*workDir, "git")
	}
	if *kubeconfig == "" {
		*kubeconfig = filepath.Join(*workDir, "kubeconfig")
	}
	if err := os.MkdirAll(*workDir, 0o755); err != nil {
		emit(event{Event: "error", Message: err.Error()})
		os.Exit(1)
	}

	// Our reader may be gone (a test process that exited): a write to stdout
	// must then fail quietly, not kill us before we clean up.
	signal.Ignore(syscall.SIGPIPE)
	// Lets a later run tell a live work dir from one left by a crash.
	_ = os.WriteFile(filepath.Join(*workDir, "supervisor.pid"), []byte(fmt.Sprint(os.Getpid())), 0o644)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stopReq := make(chan string, 4)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	go func() { s := <-sigs; stopReq <- "signal " + s.String() }()
	// Standard input is the lifeline and carries the test's fault commands.
	commands := make(chan string)
	if *lifeline {
		go func() {
			lines := bufio.NewScanner(os.Stdin)
			for lines.Scan() {
				commands <- lines.Text()
			}
			stopReq <- "standard input closed"
		}()
	}
	go func() { reason := <-stopReq; stopReq <- reason; cancel() }()

	// Flux fetches Git over HTTP only: serve the test repositories.
	var git *gitServer
	if len(fluxOn) > 0 {
		if git, err = startGitServer(*gitRoot); err != nil {
			emit(event{Event: "error", Message: err.Error()})
			cleanup(*workDir, *keep)
			os.Exit(1)
		}
	}
	clusters, err := startAll(ctx, names, *workDir, binaries{*binDir}, *nodes, *gates, extras)
	if err == nil {
		err = writeAllKubeconfig(*kubeconfig, clusters)
	}
	if err != nil {
		emit(event{Event: "error", Message: err.Error()})
		stopAll(clusters)
		git.stop()
		cleanup(*workDir, *keep)
		os.Exit(1)
	}
	var reports []clusterReport
	for _, c := range clusters {
		reports = append(reports, clusterReport{Name: c.Name, Context: c.Name, ReadonlyContext: c.Name + "-readonly", Server: c.Server, Dir: c.Dir, Pids: c.pids(), Kubelet: c.KubeletAddress, ArgoCD: c.argo, Flux: c.flux})
	}
	ready := event{Event: "ready", Kubeconfig: *kubeconfig, Clusters: reports}
	if git != nil {
		ready.Git = &git.report
	}
	emit(ready)

	// Watch for a component dying while we serve: report it, keep the rest.
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	reported := map[string]bool{}
	for done := false; !done; {
		select {
		case <-ctx.Done():
			done = true
		case line := <-commands:
			// On this goroutine, so the liveness check never sees a component
			// a command has stopped on purpose as one that died.
			emit(runCommand(ctx, clusters, line))
		case <-ticker.C:
			for _, c := range clusters {
				if err := c.checkAlive(); err != nil && !reported[c.Name] {
					reported[c.Name] = true
					emit(event{Event: "error", Cluster: c.Name, Message: err.Error()})
				}
			}
		}
	}
	reason := <-stopReq
	stopAll(clusters)
	git.stop()
	cleanup(*workDir, *keep)
	emit(event{Event: "stopped", Message: reason})
}

func splitNames(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// startAll starts the clusters concurrently; on any failure it stops the
// ones that did start and reports every error.
func startAll(ctx context.Context, names []string, root string, bins binaries, nodes int, gates string, extras extrasPlanned) ([]*cluster, error) {
	type result struct {
		c   *cluster
		err error
	}
	results := make([]result, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			began := time.Now()
			progress := func(msg string) { emit(event{Event: "progress", Cluster: name, Message: msg}) }
			c, err := startCluster(ctx, name, root, bins, nodes, gates, progress)
			if err == nil {
				err = c.startExtras(ctx, extras)
			}
			if err == nil {
				emit(event{Event: "progress", Cluster: name, Message: "ready", Seconds: time.Since(began).Seconds()})
			}
			results[i] = result{c, err}
		}()
	}
	wg.Wait()
	var started []*cluster
	var errs []string
	for _, r := range results {
		if r.err != nil {
			errs = append(errs, r.err.Error())
		} else {
			started = append(started, r.c)
		}
	}
	if len(errs) > 0 {
		return started, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return started, nil
}

func writeAllKubeconfig(path string, clusters []*cluster) error {
	var ctxs []kubeContext
	for _, c := range clusters {
		ctxs = append(ctxs, kubeContext{Name: c.Name, Server: c.Server, CAPEM: c.PKI.CAPEM, Token: c.AdminToken})
	}
	for _, c := range clusters {
		ctxs = append(ctxs, kubeContext{Name: c.Name + "-readonly", Server: c.Server, CAPEM: c.PKI.CAPEM, Token: c.ReadonlyToken})
	}
	return writeKubeconfig(path, ctxs, clusters[0].Name)
}

func stopAll(clusters []*cluster) {
	var wg sync.WaitGroup
	for _, c := range clusters {
		wg.Add(1)
		go func() { defer wg.Done(); c.stop() }()
	}
	wg.Wait()
}

func cleanup(dir string, keep bool) {
	if !keep {
		_ = os.RemoveAll(dir)
	}
}
