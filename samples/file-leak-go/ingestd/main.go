// ingestd: the event-ingest API of the file-leak-go sample. POST /v1/events?tenant=T&batch=N appends
// the request body (NDJSON events, streamed by the shippers) to the tenant's journal,
// <data>/journal/<tenant>.ndjson, and answers 202 with the number of events. GET /healthz answers ok;
// net/http/pprof is served on the same listener. Logs with Go's log package (UTC, microseconds) to
// -log: one line per batch, the HTTP server's own errors, and a stats line every 15 s.
//
// The bug: journals are meant to be opened once per tenant and kept open in a cache. The cache key is
// the request's whole query string, and the shippers added the batch number to it, so every batch
// misses the cache, opens the journal file again, and the cache keeps that handle (and its descriptor)
// forever. Go closes an unreachable *os.File when the garbage collector finds it; these stay reachable
// from the cache's map, so nothing ever closes them.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// journal is one open journal file.
type journal struct {
	tenant string
	f      *os.File
}

// journals caches open journals so each tenant's file is opened once.
type journals struct {
	dir  string
	mu   sync.Mutex
	open map[string]*journal
}

var tenantName = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)

// forRequest returns the journal of the request's tenant, opening it on first use.
func (j *journals) forRequest(r *http.Request) (*journal, error) {
	tenant := r.URL.Query().Get("tenant")
	if !tenantName.MatchString(tenant) {
		return nil, fmt.Errorf("bad tenant %q", tenant)
	}
	key := r.URL.RawQuery // meant to be "tenant=…"; it also carries batch=N, so every batch is a new key
	j.mu.Lock()
	defer j.mu.Unlock()
	if jr, ok := j.open[key]; ok {
		return jr, nil
	}
	f, err := os.OpenFile(filepath.Join(j.dir, tenant+".ndjson"), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	jr := &journal{tenant: tenant, f: f}
	j.open[key] = jr
	return jr, nil
}

type server struct {
	journals *journals
	batches  int64
	failed   int64
}

// countingReader counts the events (lines) of a body as it streams through.
type countingReader struct {
	r     io.Reader
	lines int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.lines += bytes.Count(p[:n], []byte{'\n'})
	return n, err
}

// appendBatch streams the request body into the journal.
func (s *server) appendBatch(jr *journal, body io.Reader) (events int, n int64, err error) {
	cr := &countingReader{r: bufio.NewReaderSize(body, 4096)}
	n, err = io.Copy(jr.f, cr)
	return cr.lines, n, err
}

func (s *server) handleEvents(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	batch := r.URL.Query().Get("batch")
	tenant := r.URL.Query().Get("tenant")
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	jr, err := s.journals.forRequest(r)
	if err != nil {
		atomic.AddInt64(&s.failed, 1)
		log.Printf("batch %s tenant=%s: open journal: %v", batch, tenant, err)
		http.Error(w, "journal unavailable", http.StatusInternalServerError)
		return
	}
	events, n, err := s.appendBatch(jr, r.Body)
	if err != nil {
		atomic.AddInt64(&s.failed, 1)
		log.Printf("batch %s tenant=%s: append: %v", batch, tenant, err)
		http.Error(w, "append failed", http.StatusInternalServerError)
		return
	}
	atomic.AddInt64(&s.batches, 1)
	w.WriteHeader(http.StatusAccepted)
	fmt.Fprintf(w, "{\"accepted\":%d}\n", events)
	log.Printf("batch %s tenant=%s events=%d bytes=%d took=%s from=%s", batch, tenant, events, n,
		time.Since(start).Round(time.Millisecond), r.RemoteAddr)
}

func main() {
	listen := flag.String("listen", "127.0.0.1:18191", "listen address")
	data := flag.String("data", "/var/lib/ingestd", "data directory (journals under journal/)")
	logFile := flag.String("log", "", "log file (default stderr)")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			log.Fatal(err)
		}
		log.SetOutput(f)
	}
	dir := filepath.Join(*data, "journal")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	s := &server{journals: &journals{dir: dir, open: map[string]*journal{}}}
	http.HandleFunc("/v1/events", s.handleEvents)
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	go func() {
		for range time.Tick(15 * time.Second) {
			log.Printf("stats: batches=%d failed=%d goroutines=%d", atomic.LoadInt64(&s.batches),
				atomic.LoadInt64(&s.failed), runtime.NumGoroutine())
		}
	}()
	log.Printf("ingestd pid %d listening on %s, journals in %s", os.Getpid(), *listen, dir)
	srv := &http.Server{Addr: *listen, ReadHeaderTimeout: 5 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
