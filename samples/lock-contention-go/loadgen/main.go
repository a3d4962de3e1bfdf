// loadgen: bounded load for the quotes service at a steady arrival rate: -quote-every one quote request
// (symbols in turn) and -health-every one health check, each in its own goroutine, for -duration, at
// most -max-open open, each giving up after -timeout. Prints a count of outcomes at the end.
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

func main() {
	api := flag.String("api", "http://127.0.0.1:18461", "quotes base URL")
	duration := flag.Duration("duration", 200*time.Second, "how long to send requests")
	quoteEvery := flag.Duration("quote-every", 40*time.Millisecond, "interval between quote requests")
	healthEvery := flag.Duration("health-every", 500*time.Millisecond, "interval between health checks")
	timeout := flag.Duration("timeout", 10*time.Second, "client timeout per request")
	maxOpen := flag.Int("max-open", 400, "requests open at most")
	flag.Parse()
	client := &http.Client{Timeout: *timeout} // the default transport: 2 idle connections kept per host
	syms := []string{"EURUSD", "GBPUSD", "USDJPY", "USDCHF"}
	var mu sync.Mutex
	outcomes := map[string]int{}
	var wg sync.WaitGroup
	open := make(chan struct{}, *maxOpen)
	get := func(kind, url string) {
		defer wg.Done()
		select {
		case open <- struct{}{}:
		default:
			mu.Lock()
			outcomes[kind+":skipped"]++
			mu.Unlock()
			return
		}
		defer func() { <-open }()
		res := "error"
		resp, err := client.Get(url)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			res = fmt.Sprint(resp.StatusCode)
		}
		mu.Lock()
		outcomes[kind+":"+res]++
		mu.Unlock()
	}
	end := time.After(*duration)
	q := time.NewTicker(*quoteEvery)
	h := time.NewTicker(*healthEvery)
	n := 0
loop:
	for {
		select {
		case <-end:
			break loop
		case <-q.C:
			wg.Add(1)
			go get("quote", fmt.Sprintf("%s/api/quote?sym=%s", *api, syms[n%len(syms)]))
			n++
		case <-h.C:
			wg.Add(1)
			go get("health", *api+"/healthz")
		}
	}
	wg.Wait()
	keys := make([]string, 0, len(outcomes))
	for k := range outcomes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d", k, outcomes[k]))
	}
	fmt.Println(strings.Join(parts, " "))
}
