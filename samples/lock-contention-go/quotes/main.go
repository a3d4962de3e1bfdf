// quotes: a small pricing API. GET /api/quote?sym=EURUSD answers from a cache of exchange rates that
// is refreshed from ratesource when it is older than -ttl. The bug: rateCache.rate holds the cache's
// mutex while refresh calls ratesource, so while ratesource is slow every quote request queues on
// that mutex behind the one refreshing. GET /healthz takes no lock.
//
// Logs JSON lines (encoding/json, one object per line, logrus's JSON field names: "time", "level",
// "msg") to -log-file: one "request" line per request (method, path, status, duration_ms), "rates
// refreshed" with how long the call took, and a "runtime stats" line every 5 s with the goroutine
// count. net/http/pprof listens on -debug.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"sync"
	"time"
)

type logger struct {
	mu  sync.Mutex
	enc *json.Encoder
}

func (l *logger) log(level, msg string, kv ...interface{}) {
	rec := map[string]interface{}{"time": time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00"), "level": level, "msg": msg}
	for i := 0; i+1 < len(kv); i += 2 {
		rec[kv[i].(string)] = kv[i+1]
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	_ = l.enc.Encode(rec)
}

// rateCache keeps the last table of rates fetched from ratesource.
type rateCache struct {
	mu      sync.Mutex
	rates   map[string]float64
	fetched time.Time
	ttl     time.Duration
	src     string
	client  *http.Client
	log     *logger
}

// rate answers one symbol's rate, refreshing the table first when it is stale. The refresh runs with
// c.mu held: every other caller waits for it.
func (c *rateCache) rate(sym string) (float64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.fetched) > c.ttl {
		if err := c.refresh(); err != nil {
			return 0, err
		}
	}
	r, ok := c.rates[sym]
	if !ok {
		return 0, fmt.Errorf("unknown symbol %q", sym)
	}
	return r, nil
}

func (c *rateCache) refresh() error {
	start := time.Now()
	resp, err := c.client.Get(c.src + "/v1/rates")
	if err != nil {
		c.log.log("error", "rates refresh failed", "error", err.Error(), "took_ms", ms(time.Since(start)))
		return err
	}
	defer resp.Body.Close()
	var rates map[string]float64
	if err := json.NewDecoder(resp.Body).Decode(&rates); err != nil {
		return err
	}
	c.rates, c.fetched = rates, time.Now()
	c.log.log("info", "rates refreshed", "symbols", len(rates), "took_ms", ms(time.Since(start)))
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(s int) {
	w.status = s
	w.ResponseWriter.WriteHeader(s)
}

// accessLog logs one line per request once it is answered.
func accessLog(l *logger, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: 200}
		h.ServeHTTP(sw, r)
		level := "info"
		if sw.status >= 500 {
			level = "error"
		}
		l.log(level, "request", "method", r.Method, "path", r.URL.Path, "query", r.URL.RawQuery, "status", sw.status,
			"duration_ms", ms(time.Since(start)), "remote", r.RemoteAddr)
	})
}

func main() {
	listen := flag.String("listen", "127.0.0.1:18461", "API address")
	debug := flag.String("debug", "127.0.0.1:18463", "net/http/pprof address")
	src := flag.String("ratesource", "http://127.0.0.1:18462", "ratesource base URL")
	ttl := flag.Duration("ttl", time.Second, "how long a fetched table of rates is used")
	timeout := flag.Duration("timeout", 5*time.Second, "answer 503 when a request takes longer")
	logFile := flag.String("log-file", "quotes.log", "JSON log")
	flag.Parse()
	f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		log.Fatal(err)
	}
	l := &logger{enc: json.NewEncoder(f)}
	cache := &rateCache{ttl: *ttl, src: *src, client: &http.Client{Timeout: 30 * time.Second}, log: l}

	api := http.NewServeMux()
	api.HandleFunc("/api/quote", func(w http.ResponseWriter, r *http.Request) {
		sym := r.URL.Query().Get("sym")
		rate, err := cache.rate(sym)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]interface{}{"sym": sym, "rate": rate})
	})
	api.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok\n")) })

	go func() {
		for range time.Tick(5 * time.Second) {
			l.log("info", "runtime stats", "goroutines", runtime.NumGoroutine())
		}
	}()
	go func() { log.Println(http.ListenAndServe(*debug, nil)) }()
	l.log("info", fmt.Sprintf("quotes listening (pid %d)", os.Getpid()), "addr", *listen, "ttl", ttl.String(), "timeout", timeout.String())
	log.Fatal(http.ListenAndServe(*listen, accessLog(l, http.TimeoutHandler(api, *timeout, "request timed out\n"))))
}
