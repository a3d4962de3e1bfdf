// go-loggers: a Go service that reports its own runtime statistics through zap, zerolog and logrus
// (each to its own file, as three services would), the way services log them in production: one
// "runtime stats" line per interval with goroutines and open descriptors. It leaks one goroutine and one
// open file per interval (kept referenced, so the runtime's finalizers cannot close them), for a bounded
// number of intervals.
package main

import (
	"os"
	"runtime"
	"strconv"
	"time"

	"github.com/rs/zerolog"
	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
)

func openFds() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

func create(name string) *os.File {
	f, err := os.Create(name)
	if err != nil {
		panic(err)
	}
	return f
}

func main() {
	dir := os.Args[1]
	intervals, _ := strconv.Atoi(os.Getenv("INTERVALS"))
	every, _ := time.ParseDuration(os.Getenv("EVERY"))

	zf := create(dir + "/zap.log")
	zl := zap.New(zapcoreFor(zf))
	defer zl.Sync()

	zerolog.TimeFieldFormat = time.RFC3339Nano
	zr := zerolog.New(create(dir + "/zerolog.log")).With().Timestamp().Str("service", "ledger").Logger()

	lr := logrus.New()
	lr.SetOutput(create(dir + "/logrus.log"))
	lr.SetFormatter(&logrus.JSONFormatter{TimestampFormat: time.RFC3339Nano})

	var kept []*os.File
	block := make(chan struct{})
	for i := 0; i < intervals; i++ {
		g, fds := runtime.NumGoroutine(), openFds()
		zl.Info("runtime stats", zap.Int("goroutines", g), zap.Int("open_fds", fds), zap.Uint64("heap_alloc", heap()))
		zr.Info().Int("goroutines", g).Int("open_fds", fds).Uint64("heap_alloc", heap()).Msg("runtime stats")
		lr.WithFields(logrus.Fields{"goroutines": g, "open_fds": fds, "heap_alloc": heap()}).Info("runtime stats")
		// The leak: a goroutine that waits forever and a file nobody closes, every interval.
		go func() { <-block }()
		f, err := os.Open("/proc/self/stat")
		if err == nil {
			kept = append(kept, f)
		}
		time.Sleep(every)
	}
	zr.Info().Int("kept_files", len(kept)).Msg("done")
}

func heap() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
