// inventory: the downstream service of the stall-drains-go sample. POST /v1/reservations answers 201 in
// 4-25 ms (a lookup and an update, simulated). Every request is logged in plain text with Go's log
// package (date, time with microseconds, local time of the host), plus a stats line every 5 s.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:18172", "listen address")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	log.SetOutput(os.Stdout)

	var mu sync.Mutex
	rng := rand.New(rand.NewSource(7))
	work := func() time.Duration {
		mu.Lock()
		defer mu.Unlock()
		return 4*time.Millisecond + time.Duration(rng.Int63n(int64(21*time.Millisecond)))
	}
	var served, inflight, seq int64

	http.HandleFunc("/v1/reservations", func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		atomic.AddInt64(&inflight, 1)
		defer atomic.AddInt64(&inflight, -1)
		sku := r.URL.Query().Get("sku")
		qty, err := strconv.Atoi(r.URL.Query().Get("qty"))
		status := http.StatusCreated
		if r.Method != http.MethodPost || sku == "" || err != nil || qty <= 0 {
			status = http.StatusBadRequest
			http.Error(w, "bad reservation", status)
		} else {
			time.Sleep(work())
			id := atomic.AddInt64(&seq, 1)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_ = json.NewEncoder(w).Encode(map[string]interface{}{
				"reservation_id": fmt.Sprintf("r%06d", id), "sku": sku, "qty": qty,
			})
		}
		atomic.AddInt64(&served, 1)
		log.Printf("%s %s sku=%s qty=%s status=%d took=%s req=%s from=%s", r.Method, r.URL.Path, sku,
			r.URL.Query().Get("qty"), status, time.Since(start).Round(time.Microsecond), r.Header.Get("X-Request-Id"), r.RemoteAddr)
	})
	go func() {
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		for range t.C {
			log.Printf("stats served=%d inflight=%d goroutines=%d", atomic.LoadInt64(&served),
				atomic.LoadInt64(&inflight), runtime.NumGoroutine())
		}
	}()
	log.Printf("inventory listening on %s (pid %d)", *listen, os.Getpid())
	srv := &http.Server{Addr: *listen, IdleTimeout: 60 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
