// Command orders-worker is a small Go 1.19 program whose database/sql pool is too small for its callers:
// SetMaxOpenConns(2), and 8 workers each run one `SELECT pg_sleep(4)` under a 6 s context deadline. Two
// run, six wait inside database/sql for a connection; the waiters whose deadline passes first fail with the
// context's own error, `context deadline exceeded` — database/sql adds no message of its own. It logs JSON
// lines (encoding/json to stdout, slog-like keys) and serves net/http/pprof on 127.0.0.1:PPROF_PORT so
// make-fixtures.sh can take a goroutine dump while they wait.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	_ "net/http/pprof"
	"os"
	"sync"
	"time"

	_ "github.com/lib/pq"
)

type line struct {
	Time   string `json:"time"`
	Level  string `json:"level"`
	Msg    string `json:"msg"`
	Worker int    `json:"worker,omitempty"`
	Ms     int64  `json:"duration_ms,omitempty"`
	Error  string `json:"error,omitempty"`
}

var out = json.NewEncoder(os.Stdout)
var mu sync.Mutex

func logLine(l line) {
	mu.Lock()
	defer mu.Unlock()
	l.Time = time.Now().UTC().Format(time.RFC3339Nano)
	_ = out.Encode(l)
}

func main() {
	db, err := sql.Open("postgres", os.Getenv("DSN"))
	if err != nil {
		panic(err)
	}
	db.SetMaxOpenConns(2)
	go func() { _ = http.ListenAndServe("127.0.0.1:"+os.Getenv("PPROF_PORT"), nil) }()
	logLine(line{Level: "info", Msg: "orders-worker started"})
	var wg sync.WaitGroup
	for i := 1; i <= 8; i++ {
		wg.Add(1)
		go func(worker int) {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 6*time.Second)
			defer cancel()
			start := time.Now()
			_, err := db.ExecContext(ctx, "SELECT pg_sleep(4)")
			ms := time.Since(start).Milliseconds()
			if err != nil {
				logLine(line{Level: "error", Msg: "settle batch failed", Worker: worker, Ms: ms, Error: err.Error()})
				return
			}
			logLine(line{Level: "info", Msg: "settle batch done", Worker: worker, Ms: ms})
		}(i)
	}
	wg.Wait()
	logLine(line{Level: "info", Msg: "orders-worker done"})
}
