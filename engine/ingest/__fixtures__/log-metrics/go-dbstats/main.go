// Command dbstats is a small Go 1.19 service that logs its own runtime statistics as JSON lines
// (encoding/json to stdout; Go 1.19 has no log/slog): every second the goroutine count, its open file
// descriptors and database/sql's DBStats, and one line per query it ran. It talks to a real
// PostgreSQL through lib/pq.
//
// What it does on purpose (make-fixtures.sh runs it for PHASE seconds per phase):
//   - the pool holds at most 4 connections (SetMaxOpenConns(4));
//   - phase 1: 2 workers run `SELECT pg_sleep(0.2)` in a loop;
//   - phase 2: 10 more workers join: 12 callers for 4 connections, the rest wait in database/sql;
//   - phase 3: the 10 extra workers stop;
//   - all along, once a second it starts a "subscriber" goroutine that never returns and opens
//     /proc/self/stat without closing it: a goroutine leak and a descriptor leak.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/lib/pq"
)

type statsLine struct {
	Time       string      `json:"time"`
	Level      string      `json:"level"`
	Msg        string      `json:"msg"`
	Goroutines int         `json:"goroutines"`
	OpenFDs    int         `json:"open_fds"`
	DB         sql.DBStats `json:"db"`
}

type queryLine struct {
	Time       string  `json:"time"`
	Level      string  `json:"level"`
	Msg        string  `json:"msg"`
	RequestID  int64   `json:"request_id"`
	Worker     int     `json:"worker"`
	DurationMs float64 `json:"duration_ms"`
	Rows       int     `json:"rows"`
}

type messageLine struct {
	Time  string `json:"time"`
	Level string `json:"level"`
	Msg   string `json:"msg"`
	Error string `json:"error,omitempty"`
}

var (
	outMu sync.Mutex
	enc   = json.NewEncoder(os.Stdout)
	reqID int64
)

func emit(v interface{}) {
	outMu.Lock()
	defer outMu.Unlock()
	_ = enc.Encode(v)
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

func openFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

func worker(ctx context.Context, db *sql.DB, id int) {
	for ctx.Err() == nil {
		started := time.Now()
		rows, err := db.QueryContext(ctx, "SELECT pg_sleep(0.2)")
		if err != nil {
			if ctx.Err() == nil {
				emit(messageLine{Time: now(), Level: "ERROR", Msg: "query failed", Error: err.Error()})
			}
			continue
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		emit(queryLine{Time: now(), Level: "INFO", Msg: "query done", RequestID: atomic.AddInt64(&reqID, 1), Worker: id,
			DurationMs: float64(time.Since(started).Microseconds()) / 1000, Rows: n})
	}
}

func main() {
	phase, _ := strconv.Atoi(os.Getenv("PHASE"))
	if phase <= 0 {
		phase = 15
	}
	db, err := sql.Open("postgres", os.Getenv("DSN"))
	if err != nil {
		emit(messageLine{Time: now(), Level: "ERROR", Msg: "open failed", Error: err.Error()})
		os.Exit(1)
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	emit(messageLine{Time: now(), Level: "INFO", Msg: "dbstats service started"})

	var leaked []*os.File
	never := make(chan struct{})
	stop := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				go func() { <-never }() // a subscriber nobody ever stops
				if f, err := os.Open("/proc/self/stat"); err == nil {
					leaked = append(leaked, f) // opened per tick, never closed
				}
				emit(statsLine{Time: now(), Level: "INFO", Msg: "runtime stats", Goroutines: runtime.NumGoroutine(), OpenFDs: openFDs(), DB: db.Stats()})
			}
		}
	}()

	base, cancelBase := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	start := func(ctx context.Context, from, to int) {
		for i := from; i < to; i++ {
			wg.Add(1)
			go func(id int) { defer wg.Done(); worker(ctx, db, id) }(i)
		}
	}
	start(base, 0, 2)
	time.Sleep(time.Duration(phase) * time.Second)
	emit(messageLine{Time: now(), Level: "INFO", Msg: "load burst: 10 more workers"})
	burst, cancelBurst := context.WithCancel(base)
	start(burst, 2, 12)
	time.Sleep(time.Duration(phase) * time.Second)
	cancelBurst()
	emit(messageLine{Time: now(), Level: "INFO", Msg: "load burst over"})
	time.Sleep(time.Duration(phase) * time.Second)
	close(stop)
	cancelBase()
	wg.Wait()
	emit(messageLine{Time: now(), Level: "INFO", Msg: "dbstats service stopped"})
	_ = db.Close()
	_ = len(leaked)
}
