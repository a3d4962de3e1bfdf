// shipper: the bounded load of the file-leak-go sample. -workers log shippers per tenant post event
// batches to ingestd for -duration: each batch is 12 NDJSON events streamed over about 0.6 s (a chunked
// body, one event every 50 ms, as a shipper tailing a log sends them), then the next batch. Each request
// gives up after 3 s; after a failure a shipper waits 1 s. A monitor GETs /healthz every 2 s on a new
// connection with a 1 s timeout. It prints a summary per outcome every 10 s and at the end.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

func main() {
	api := flag.String("api", "http://127.0.0.1:18191", "ingestd base URL")
	duration := flag.Duration("duration", 150*time.Second, "how long to ship")
	tenants := flag.String("tenants", "acme:3,globex:1", "tenant:workers,…")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)

	var mu sync.Mutex
	counts := map[string]int{}
	count := func(k string) {
		mu.Lock()
		counts[k]++
		mu.Unlock()
	}
	summary := func() string {
		mu.Lock()
		defer mu.Unlock()
		keys := make([]string, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&b, " %s=%d", k, counts[k])
		}
		return b.String()
	}

	deadline := time.Now().Add(*duration)
	client := &http.Client{Timeout: 3 * time.Second}
	var wg sync.WaitGroup
	worker := func(tenant string, id int) {
		defer wg.Done()
		for batch := 1; time.Now().Before(deadline); batch++ {
			pr, pw := io.Pipe()
			go func() {
				for i := 0; i < 12; i++ {
					_, err := fmt.Fprintf(pw, "{\"ts\":%q,\"shipper\":\"%s-%d\",\"seq\":%d,\"msg\":\"GET /api/orders 200\"}\n",
						time.Now().UTC().Format(time.RFC3339Nano), tenant, id, batch*100+i)
					if err != nil {
						return
					}
					time.Sleep(50 * time.Millisecond)
				}
				_ = pw.Close()
			}()
			url := fmt.Sprintf("%s/v1/events?tenant=%s&batch=%d-%d", *api, tenant, id, batch)
			resp, err := client.Post(url, "application/x-ndjson", pr)
			if err != nil {
				_ = pr.CloseWithError(err)
				count("events:error")
				log.Printf("%s: %v", url, err)
				time.Sleep(time.Second)
				continue
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			count(fmt.Sprintf("events:%d", resp.StatusCode))
			if resp.StatusCode != http.StatusAccepted {
				time.Sleep(time.Second)
			}
		}
	}
	id := 0
	for _, tw := range strings.Split(*tenants, ",") {
		var tenant string
		var n int
		if _, err := fmt.Sscanf(strings.Replace(tw, ":", " ", 1), "%s %d", &tenant, &n); err != nil {
			log.Fatalf("bad -tenants entry %q", tw)
		}
		for i := 0; i < n; i++ {
			id++
			wg.Add(1)
			go worker(tenant, id)
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		mon := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
		for time.Now().Before(deadline) {
			resp, err := mon.Get(*api + "/healthz")
			if err != nil {
				count("healthz:error")
			} else {
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
				count(fmt.Sprintf("healthz:%d", resp.StatusCode))
			}
			time.Sleep(2 * time.Second)
		}
	}()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	tick := time.NewTicker(10 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			log.Printf("so far:%s", summary())
		case <-done:
			log.Printf("done:%s", summary())
			return
		}
	}
}
