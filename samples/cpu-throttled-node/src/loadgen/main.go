// loadgen stands in for the checkout BFF in front of fare-quote: an open-loop caller (Poisson arrivals at
// RATE calls/s, each call in its own goroutine, so a slow service does not slow the arrivals) with a
// CALL_TIMEOUT client timeout (http.Client.Timeout). Mix: 65 % quotes, 25 % fare look-ups, 10 % holds.
//
// Its log (Go's log package, UTC, microseconds) holds one line per failed call (timeout, transport error,
// 5xx) and one summary line per 10 s window; successful calls are only counted in the summaries.
//
// Bounded: it stops sending after DURATION, waits for the calls in flight (at most CALL_TIMEOUT), prints
// the totals and exits. It only calls BASE_URL (127.0.0.1).
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand"
	"net"
	"net/http"
	"os"
	"sort"
	"strconv"
	"sync"
	"time"
)

type result struct {
	status  int
	elapsed time.Duration
	timeout bool
	failed  bool
}

type window struct {
	mu      sync.Mutex
	results []result
}

func (w *window) add(r result) {
	w.mu.Lock()
	w.results = append(w.results, r)
	w.mu.Unlock()
}

func (w *window) take() []result {
	w.mu.Lock()
	defer w.mu.Unlock()
	r := w.results
	w.results = nil
	return r
}

func env(name string, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func main() {
	base := env("BASE_URL", "http://127.0.0.1:18221")
	rate, _ := strconv.ParseFloat(env("RATE", "25"), 64)
	duration, _ := time.ParseDuration(env("DURATION", "280s"))
	timeout, _ := time.ParseDuration(env("CALL_TIMEOUT", "3s"))
	routes, _ := strconv.Atoi(env("ROUTES", "500"))
	fares, _ := strconv.Atoi(env("FARES", "24000"))

	out := os.Stderr
	if p := os.Getenv("LOG_FILE"); p != "" {
		f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		out = f
	}
	logger := log.New(out, "checkout-bff ", log.LUTC|log.Ldate|log.Ltime|log.Lmicroseconds|log.Lmsgprefix)

	client := &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         (&net.Dialer{Timeout: timeout}).DialContext,
			MaxIdleConns:        200,
			MaxIdleConnsPerHost: 64,
			IdleConnTimeout:     30 * time.Second,
		},
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	var rngMu sync.Mutex
	pick := func() (string, string, []byte) {
		rngMu.Lock()
		defer rngMu.Unlock()
		r := rng.Float64()
		switch {
		case r < 0.65:
			cabin := "economy"
			if c := rng.Float64(); c > 0.9 {
				cabin = "business"
			} else if c > 0.7 {
				cabin = "premium"
			}
			date := time.Now().UTC().AddDate(0, 0, 1+rng.Intn(90)).Format("2006-01-02")
			return "GET", fmt.Sprintf("/api/v1/quotes?route=%d&cabin=%s&date=%s&pax=%d", 1+rng.Intn(routes), cabin, date, 1+rng.Intn(3)), nil
		case r < 0.9:
			return "GET", fmt.Sprintf("/api/v1/fares/%d", 1+rng.Intn(fares)), nil
		default:
			body := fmt.Sprintf(`{"fareId":%d,"customerId":%d,"pax":%d}`, 1+rng.Intn(fares), 1+rng.Intn(90000), 1+rng.Intn(3))
			return "POST", "/api/v1/holds", []byte(body)
		}
	}

	w := &window{}
	var wg sync.WaitGroup
	call := func(method, path string, body []byte) {
		defer wg.Done()
		var rd io.Reader
		if body != nil {
			rd = bytes.NewReader(body)
		}
		req, err := http.NewRequest(method, base+path, rd)
		if err != nil {
			logger.Printf("%s %s: cannot build request: %v", method, path, err)
			return
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		t0 := time.Now()
		resp, err := client.Do(req)
		if err == nil {
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		el := time.Since(t0)
		ms := el.Milliseconds()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				logger.Printf("%s %s: upstream timeout after %d ms: %v", method, path, ms, err)
				w.add(result{elapsed: el, timeout: true})
			} else {
				logger.Printf("%s %s: upstream error after %d ms: %v", method, path, ms, err)
				w.add(result{elapsed: el, failed: true})
			}
			return
		}
		if resp.StatusCode >= 500 {
			logger.Printf("%s %s: upstream answered %d in %d ms", method, path, resp.StatusCode, ms)
		}
		w.add(result{status: resp.StatusCode, elapsed: el})
	}

	logger.Printf("starting: %s, %.1f calls/s (Poisson), call timeout %s, for %s", base, rate, timeout, duration)
	total := map[string]int{}
	summarize := func(rs []result, span time.Duration) {
		var ok, c4, c5, to, fail int
		var lat []time.Duration
		for _, r := range rs {
			switch {
			case r.timeout:
				to++
			case r.failed:
				fail++
			case r.status >= 500:
				c5++
			case r.status >= 400:
				c4++
			default:
				ok++
			}
			if !r.timeout && !r.failed {
				lat = append(lat, r.elapsed)
			}
		}
		total["ok"] += ok
		total["4xx"] += c4
		total["5xx"] += c5
		total["timeout"] += to
		total["error"] += fail
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		q := func(p float64) int64 {
			if len(lat) == 0 {
				return 0
			}
			return lat[int(p*float64(len(lat)-1))].Milliseconds()
		}
		logger.Printf("last %s: %d calls answered 2xx=%d 4xx=%d 5xx=%d, timeouts=%d errors=%d; answered in p50=%dms p99=%dms max=%dms",
			span.Round(time.Second), len(rs), ok, c4, c5, to, fail, q(0.5), q(0.99), q(1))
	}

	start := time.Now()
	stop := start.Add(duration)
	ticker := time.NewTicker(10 * time.Second)
	defer ticker.Stop()
	next := start
	lastTick := start
	for time.Now().Before(stop) {
		rngMu.Lock()
		gap := time.Duration(rng.ExpFloat64() / rate * float64(time.Second))
		rngMu.Unlock()
		next = next.Add(gap)
		for {
			d := time.Until(next)
			if d <= 0 {
				break
			}
			select {
			case now := <-ticker.C:
				summarize(w.take(), now.Sub(lastTick))
				lastTick = now
			case <-time.After(d):
			}
		}
		method, path, body := pick()
		wg.Add(1)
		go call(method, path, body)
	}
	logger.Printf("stopped sending after %s; waiting for the calls in flight", time.Since(start).Round(time.Second))
	wg.Wait()
	summarize(w.take(), time.Since(lastTick))
	logger.Printf("done: 2xx=%d 4xx=%d 5xx=%d timeouts=%d errors=%d", total["ok"], total["4xx"], total["5xx"], total["timeout"], total["error"])
}
