package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// component is one running program of a control plane.
type component struct {
	name    string
	cmd     *exec.Cmd
	logPath string
	done    chan struct{}
	mu      sync.Mutex
	exitErr error
	// How it was started, so a test can stop it and start it again as it was.
	dir  string
	bin  string
	env  []string
	args []string
	// Stopped on purpose by a test's command: not a component that died.
	held bool
}

// startComponent runs bin with args, logging to dir/logs/<name>.log.
// Each child gets its own process group (so a stop reaches its helpers too)
// and a parent-death signal (so it dies if this supervisor is SIGKILLed).
func startComponent(dir, name, bin string, args ...string) (*component, error) {
	return startComponentEnv(dir, name, bin, nil, args...)
}

// startComponentEnv is startComponent with extra environment entries
// ("KEY=value"); an entry overrides the same key inherited from us.
func startComponentEnv(dir, name, bin string, env []string, args ...string) (*component, error) {
	logDir := filepath.Join(dir, "logs")
	if err := os.MkdirAll(logDir, 0o755); err != nil {
		return nil, err
	}
	logPath := filepath.Join(logDir, name+".log")
	// Appended to: a component started again keeps its earlier log.
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.Dir = dir
	if env != nil {
		// exec keeps the last value of a duplicated key, so ours win.
		cmd.Env = append(os.Environ(), env...)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("start %s (%s): %w", name, bin, err)
	}
	c := &component{name: name, cmd: cmd, logPath: logPath, done: make(chan struct{}), dir: dir, bin: bin, env: env, args: args}
	go func() {
		err := cmd.Wait()
		logFile.Close()
		c.mu.Lock()
		c.exitErr = err
		c.mu.Unlock()
		close(c.done)
	}()
	return c, nil
}

func (c *component) exited() (bool, error) {
	select {
	case <-c.done:
		c.mu.Lock()
		defer c.mu.Unlock()
		return true, c.exitErr
	default:
		return false, nil
	}
}

// stop sends SIGTERM to the component's process group, then SIGKILL after
// grace. It returns once the process has been reaped.
func (c *component) stop(grace time.Duration) {
	if done, _ := c.exited(); done {
		return
	}
	pgid := c.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(grace):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-c.done
	}
	// Anything left in the group (helpers) goes too.
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
}

// tailLog returns the last n bytes of the component's log, for error reports.
func (c *component) tailLog(n int64) string {
	f, err := os.Open(c.logPath)
	if err != nil {
		return ""
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return ""
	}
	off := st.Size() - n
	if off < 0 {
		off = 0
	}
	buf := make([]byte, st.Size()-off)
	_, _ = f.ReadAt(buf, off)
	return string(buf)
}

// again starts a stopped component with the arguments it first had.
func (c *component) again() (*component, error) {
	return startComponentEnv(c.dir, c.name, c.bin, c.env, c.args...)
}
