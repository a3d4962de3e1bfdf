// shopper: a bounded load client for the stall-drains-go sample. At a steady arrival rate (users do not
// wait for each other) it posts checkouts and views carts on the checkout API, for -duration, with at
// most -max-inflight requests open at once (arrivals beyond that are counted and skipped). Each request
// gives up after 30 s. It prints a summary per status every 10 s and at the end.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand"
	"net/http"
	"sort"
	"sync"
	"time"
)

func main() {
	api := flag.String("api", "http://127.0.0.1:18171", "checkout API base URL")
	duration := flag.Duration("duration", 5*time.Minute, "how long to send requests")
	checkoutEvery := flag.Duration("checkout-every", 250*time.Millisecond, "one checkout per interval")
	cartEvery := flag.Duration("cart-every", time.Second, "one cart view per interval")
	maxInflight := flag.Int("max-inflight", 400, "most requests open at once")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)

	client := &http.Client{Timeout: 30 * time.Second}
	sem := make(chan struct{}, *maxInflight)
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	rng := rand.New(rand.NewSource(11))
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
		var b bytes.Buffer
		for _, k := range keys {
			fmt.Fprintf(&b, " %s=%d", k, counts[k])
		}
		return b.String()
	}
	send := func(req *http.Request, kind string) {
		select {
		case sem <- struct{}{}:
		default:
			count(kind + ":skipped")
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			resp, err := client.Do(req)
			if err != nil {
				count(kind + ":error")
				log.Printf("%s: %v", kind, err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			count(fmt.Sprintf("%s:%d", kind, resp.StatusCode))
		}()
	}
	cartID := 0
	checkout := time.NewTicker(*checkoutEvery)
	cart := time.NewTicker(*cartEvery)
	report := time.NewTicker(10 * time.Second)
	defer checkout.Stop()
	defer cart.Stop()
	defer report.Stop()
	deadline := time.After(*duration)
loop:
	for {
		select {
		case <-deadline:
			break loop
		case <-checkout.C:
			cartID++
			body := fmt.Sprintf(`{"cart_id":%d,"sku":"SKU-%04d","qty":%d}`, cartID, 1000+rng.Intn(97), 1+rng.Intn(3))
			req, _ := http.NewRequest(http.MethodPost, *api+"/api/checkout", bytes.NewBufferString(body))
			req.Header.Set("Content-Type", "application/json")
			send(req, "checkout")
		case <-cart.C:
			req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/api/cart?id=%d", *api, 1+rng.Intn(500)), nil)
			send(req, "cart")
		case <-report.C:
			log.Printf("so far:%s", summary())
		}
	}
	wg.Wait()
	log.Printf("done:%s", summary())
}
