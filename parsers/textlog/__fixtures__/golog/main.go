// Command golog writes the real Go log fixtures of Rootline's text-log and json-log parsers: the same
// story (a service that cannot reach its database, runs out of file descriptors, has peers reset and
// time out, and finally panics) through Go's standard `log`, logrus (text and JSON), zap (production
// JSON and development console) and x/exp/slog (text and JSON). Every network error is real, made on
// the loopback interface: connection refused, i/o timeout, connection reset, broken pipe, EMFILE.
//
//	golog stdlog|logrus-text|logrus-json|zap-json|zap-console|slog-text|slog-json
//
// Two more modes wrap the lines of stdin the way container runtimes store them, with the time each
// line was read: `docker-json STREAM` (Docker's json-file driver: {"log","stream","time"}, encoded by
// encoding/json as moby's jsonlog does) and `cri STREAM` (the CRI format kubelet reads: RFC3339Nano,
// stream, `F` for a full line).
//
//	golog zap-json 2>&1 | golog docker-json stderr
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"syscall"
	"time"

	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
	"golang.org/x/exp/slog"
)

// logger is the little interface each library is adapted to.
type logger interface {
	Info(msg string, kv ...any)
	Warn(msg string, kv ...any)
	Error(msg string, err error, kv ...any)
	Panic(msg string)
}

// failures makes the real errors, in order, and reports each through lg.
func failures(lg logger) {
	lg.Info("starting order-service", "version", "1.4.2", "listen", "127.0.0.1:0")

	// connection refused: nothing listens on port 1.
	if _, err := net.DialTimeout("tcp", "127.0.0.1:1", time.Second); err != nil {
		lg.Error("cannot reach database", err, "attempt", 1)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 16)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- c
		}
	}()

	// i/o timeout: the peer never answers within the read deadline.
	if c, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		srv := <-accepted
		_ = c.SetReadDeadline(time.Now().Add(150 * time.Millisecond))
		_, err = c.Read(make([]byte, 1))
		lg.Warn("upstream read failed", "error", err.Error(), "timeout_ms", 150)
		c.Close()
		srv.Close()
	}

	// connection reset by peer: the server closes with SO_LINGER 0 (RST).
	if c, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		srv := (<-accepted).(*net.TCPConn)
		_ = srv.SetLinger(0)
		srv.Close()
		time.Sleep(50 * time.Millisecond)
		_, err = c.Read(make([]byte, 1))
		lg.Error("grpc stream closed", err, "peer", ln.Addr().String())
		c.Close()
	}

	// broken pipe: keep writing to a peer that has gone away.
	if c, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		srv := <-accepted
		srv.Close()
		buf := make([]byte, 64*1024)
		var werr error
		for i := 0; i < 200 && werr == nil; i++ {
			_, werr = c.Write(buf)
			time.Sleep(5 * time.Millisecond)
		}
		if werr != nil && errors.Is(werr, syscall.EPIPE) {
			lg.Error("write response", werr)
		} else if werr != nil {
			lg.Error("write response (no EPIPE seen)", werr)
		}
		c.Close()
	}

	// too many open files: lower the limit, fill the table, then accept and dial.
	var lim syscall.Rlimit
	_ = syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	old := lim
	pending, _ := net.Dial("tcp", ln.Addr().String()) // queued before the table fills
	srv2, _ := net.Listen("tcp", "127.0.0.1:0")
	queued, _ := net.Dial("tcp", srv2.Addr().String())
	lim.Cur = 64
	_ = syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
	var held []*os.File
	for {
		f, err := os.Open("/dev/null")
		if err != nil {
			break
		}
		held = append(held, f)
	}
	if c, err := srv2.Accept(); err != nil {
		lg.Error("accept failed", err, "open_fds", len(held))
	} else {
		c.Close()
	}
	if _, err := net.Dial("tcp", "127.0.0.1:3306"); err != nil {
		lg.Error("cannot open database connection", err, "db", "orders")
	}
	for _, f := range held {
		f.Close()
	}
	_ = syscall.Setrlimit(syscall.RLIMIT_NOFILE, &old)
	if pending != nil {
		pending.Close()
	}
	if queued != nil {
		queued.Close()
	}
	srv2.Close()

	lg.Info("request served", "method", "GET", "path", "/orders/42", "status", 200, "duration_ms", 12)
	lg.Panic("order cache corrupted: nil entry for key 42")
}

// --- standard library log ---

type stdLogger struct{ l *log.Logger }

func kvText(kv []any) string {
	s := ""
	for i := 0; i+1 < len(kv); i += 2 {
		s += fmt.Sprintf(" %v=%v", kv[i], kv[i+1])
	}
	return s
}
func (s stdLogger) Info(msg string, kv ...any) { s.l.Output(2, msg+kvText(kv)) }
func (s stdLogger) Warn(msg string, kv ...any) { s.l.Output(2, "WARN "+msg+kvText(kv)) }
func (s stdLogger) Error(msg string, err error, kv ...any) {
	s.l.Output(2, fmt.Sprintf("ERROR %s: %v%s", msg, err, kvText(kv)))
}
func (s stdLogger) Panic(msg string) { s.l.Panicf("%s", msg) }

// stdlogHTTP adds what net/http's own server logs on a full descriptor table ("http: Accept error").
func stdlogHTTP(l *log.Logger) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	hs := &http.Server{ErrorLog: l, Handler: http.NotFoundHandler()}
	c, _ := net.Dial("tcp", ln.Addr().String())
	var lim syscall.Rlimit
	_ = syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	old := lim
	lim.Cur = 64
	_ = syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
	var held []*os.File
	for {
		f, err := os.Open("/dev/null")
		if err != nil {
			break
		}
		held = append(held, f)
	}
	go hs.Serve(ln)
	time.Sleep(30 * time.Millisecond) // the server logs its Accept error and retries with back-off
	for _, f := range held {
		f.Close()
	}
	_ = syscall.Setrlimit(syscall.RLIMIT_NOFILE, &old)
	time.Sleep(50 * time.Millisecond)
	if c != nil {
		c.Close()
	}
	hs.Close()
}

// --- logrus ---

type logrusLogger struct{ l *logrus.Logger }

func fields(kv []any) logrus.Fields {
	f := logrus.Fields{}
	for i := 0; i+1 < len(kv); i += 2 {
		f[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return f
}
func (g logrusLogger) Info(msg string, kv ...any) { g.l.WithFields(fields(kv)).Info(msg) }
func (g logrusLogger) Warn(msg string, kv ...any) { g.l.WithFields(fields(kv)).Warn(msg) }
func (g logrusLogger) Error(msg string, err error, kv ...any) {
	g.l.WithFields(fields(kv)).WithError(err).Error(msg)
}
func (g logrusLogger) Panic(msg string) { g.l.Panic(msg) }

// --- zap ---

type zapLogger struct{ l *zap.SugaredLogger }

func (z zapLogger) Info(msg string, kv ...any) { z.l.Infow(msg, kv...) }
func (z zapLogger) Warn(msg string, kv ...any) { z.l.Warnw(msg, kv...) }
func (z zapLogger) Error(msg string, err error, kv ...any) {
	z.l.Errorw(msg, append([]any{"error", err}, kv...)...)
}
func (z zapLogger) Panic(msg string) { z.l.Panic(msg) }

// --- slog (x/exp, the API that became log/slog in Go 1.21) ---

type slogLogger struct{ l slog.Logger }

func (s slogLogger) Info(msg string, kv ...any) { s.l.Info(msg, kv...) }
func (s slogLogger) Warn(msg string, kv ...any) { s.l.Warn(msg, kv...) }
func (s slogLogger) Error(msg string, err error, kv ...any) {
	s.l.Error(msg, err, kv...) // this early slog API takes the error itself and logs it as "err"
}
func (s slogLogger) Panic(msg string) {
	s.l.Error(msg, nil)
	panic(msg)
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: golog MODE")
		os.Exit(2)
	}
	var out io.Writer = os.Stderr
	switch os.Args[1] {
	case "docker-json", "cri":
		wrap(os.Args[1], os.Args[2])
		return
	case "stdlog":
		l := log.New(out, "", log.LstdFlags|log.Lmicroseconds|log.Lshortfile)
		stdlogHTTP(l)
		failures(stdLogger{l})
	case "logrus-text", "logrus-json":
		l := logrus.New()
		l.Out = out
		if os.Args[1] == "logrus-json" {
			l.Formatter = &logrus.JSONFormatter{}
		}
		failures(logrusLogger{l})
	case "zap-json", "zap-console":
		var l *zap.Logger
		if os.Args[1] == "zap-json" {
			l, _ = zap.NewProduction()
		} else {
			l, _ = zap.NewDevelopment()
		}
		defer l.Sync()
		failures(zapLogger{l.Sugar()})
	case "slog-text":
		failures(slogLogger{slog.New(slog.NewTextHandler(out))})
	case "slog-json":
		failures(slogLogger{slog.New(slog.NewJSONHandler(out))})
	default:
		fmt.Fprintln(os.Stderr, "unknown mode", os.Args[1])
		os.Exit(2)
	}
}

// wrap re-encodes stdin line by line as a container runtime stores a container's output.
func wrap(mode, stream string) {
	type jsonLog struct {
		Log    string    `json:"log"`
		Stream string    `json:"stream"`
		Time   time.Time `json:"time"`
	}
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	enc := json.NewEncoder(os.Stdout)
	for sc.Scan() {
		now := time.Now().UTC()
		if mode == "cri" {
			fmt.Printf("%s %s F %s\n", now.Format(time.RFC3339Nano), stream, sc.Text())
			continue
		}
		_ = enc.Encode(jsonLog{Log: sc.Text() + "\n", Stream: stream, Time: now})
	}
}
