package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/cgi"
	"os"
	"os/exec"
	"time"
)

// gitReport tells the test side where the Git smart-HTTP server is: a bare
// repository at ROOT/NAME.git is cloned from URL/NAME.git.
type gitReport struct {
	URL  string `json:"url"`
	Root string `json:"root"`
}

// gitServer serves every bare repository under one directory over Git's
// smart HTTP protocol, read-only, on loopback. Flux's source-controller
// accepts only http(s) and ssh URLs, so test repositories reach it this way.
// The server is git's own `git http-backend` CGI program behind the standard
// library's CGI handler: the real protocol, nothing of ours in between.
type gitServer struct {
	srv    *http.Server
	report gitReport
}

func startGitServer(root string) (*gitServer, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, fmt.Errorf("the Git HTTP server for Flux needs git on PATH (Debian/Ubuntu package `git`): %w", err)
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	handler := &cgi.Handler{
		Path: git,
		Args: []string{"http-backend"},
		Root: "/",
		Env: []string{
			"GIT_PROJECT_ROOT=" + root,
			// Serve every repository under root without a
			// git-daemon-export-ok file in each. Pushes stay refused:
			// http-backend allows receive-pack only to an authenticated user.
			"GIT_HTTP_EXPORT_ALL=1",
			// No user or system config of this machine changes what is served.
			"GIT_CONFIG_NOSYSTEM=1",
			"HOME=" + root,
		},
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			emit(event{Event: "error", Message: "Git HTTP server: " + err.Error()})
		}
	}()
	return &gitServer{srv: srv, report: gitReport{URL: "http://" + l.Addr().String(), Root: root}}, nil
}

func (g *gitServer) stop() {
	if g == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = g.srv.Shutdown(ctx)
}
