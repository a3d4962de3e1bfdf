// client: a bounded stand-in for the mobile app. It calls /api/v1/feed and /api/v1/sample at fixed rates,
// each call in its own goroutine (users do not wait for each other), for -duration.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand"
	"net/http"
	"sync"
	"time"
)

func main() {
	api := flag.String("api", "http://127.0.0.1:38201", "API base URL")
	duration := flag.Duration("duration", 7*time.Minute, "how long to run")
	feedEvery := flag.Duration("feed-every", 2*time.Second, "one /api/v1/feed call per interval")
	sampleEvery := flag.Duration("sample-every", 5*time.Second, "one /api/v1/sample call per interval")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)
	deadline := time.Now().Add(*duration)
	client := &http.Client{Timeout: 3 * time.Minute} // the app gives up eventually
	var wg sync.WaitGroup
	var mu sync.Mutex
	rng := rand.New(rand.NewSource(3))
	call := func(path string) {
		mu.Lock()
		user := 1 + rng.Intn(500)
		mu.Unlock()
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := client.Get(fmt.Sprintf("%s%s?user=%d", *api, path, user))
			if err != nil {
				log.Printf("%s: %v", path, err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
		}()
	}
	feed := time.NewTicker(*feedEvery)
	sample := time.NewTicker(*sampleEvery)
	defer feed.Stop()
	defer sample.Stop()
	for time.Now().Before(deadline) {
		select {
		case <-feed.C:
			call("/api/v1/feed")
		case <-sample.C:
			call("/api/v1/sample")
		}
	}
	wg.Wait()
}
