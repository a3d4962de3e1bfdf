// content-service: the downstream of incident 2. Normally it answers in a few milliseconds. Between
// -outage-at and -outage-at + -outage-for after start it is "down" the way the seed's content service was:
// it still accepts connections but /v1/trending does not answer until the outage ends, and /v1/related is
// slow (2.5-4 s). Idle keep-alive connections are closed after 30 s, as most servers and proxies do.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"net/http"
	"sync"
	"time"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:38251", "listen address")
	outageAt := flag.Duration("outage-at", 60*time.Second, "outage start, after process start")
	outageFor := flag.Duration("outage-for", 90*time.Second, "outage length")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)
	start := time.Now()
	down := func() (bool, time.Time) {
		from := start.Add(*outageAt)
		until := from.Add(*outageFor)
		now := time.Now()
		return now.After(from) && now.Before(until), until
	}
	var mu sync.Mutex
	rng := rand.New(rand.NewSource(2))
	jitter := func(min, max time.Duration) time.Duration {
		mu.Lock()
		defer mu.Unlock()
		return min + time.Duration(rng.Int63n(int64(max-min)))
	}
	items := func(w http.ResponseWriter, n int) {
		out := make([]map[string]interface{}, n)
		for i := range out {
			out[i] = map[string]interface{}{"id": 1000 + i, "title": fmt.Sprintf("Article %d: what happened in the city today", 1000+i)}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	}
	http.HandleFunc("/v1/content", func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(jitter(3*time.Millisecond, 20*time.Millisecond))
		items(w, 5)
	})
	http.HandleFunc("/v1/related", func(w http.ResponseWriter, _ *http.Request) {
		if d, _ := down(); d {
			time.Sleep(jitter(2500*time.Millisecond, 4*time.Second))
		} else {
			time.Sleep(jitter(3*time.Millisecond, 20*time.Millisecond))
		}
		items(w, 3)
	})
	http.HandleFunc("/v1/trending", func(w http.ResponseWriter, _ *http.Request) {
		if d, until := down(); d {
			time.Sleep(time.Until(until)) // hangs until the outage ends
		} else {
			time.Sleep(jitter(3*time.Millisecond, 20*time.Millisecond))
		}
		items(w, 200) // the whole list, ~14 KB
	})
	log.Printf("content-service listening on %s; outage from +%s for %s", *listen, *outageAt, *outageFor)
	srv := &http.Server{Addr: *listen, IdleTimeout: 30 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
