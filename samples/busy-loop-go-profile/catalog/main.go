// catalog: the product catalogue API of a shop. GET /v1/products?q= searches an in-memory index; POST
// /admin/reindex rebuilds the search index in the background. net/http/pprof is mounted on the same
// listener (127.0.0.1 only). Every request is logged with Go's `log` (UTC, microseconds).
//
// The bug: normalizeTokens drops stop words with `continue`, which skips the `i++` at the end of the
// loop body, so the first stop word ("the", "of"…) makes the rebuild spin on that token for ever. The
// goroutine never blocks, never returns and never logs again; it burns a core while the handlers go on
// serving from the old index.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

type product struct {
	SKU   string
	Title string
}

var products = []product{
	{"SKU-1001", "Walnut desk lamp"}, {"SKU-1002", "Linen throw pillow"}, {"SKU-1003", "Stoneware mug set"},
	{"SKU-1004", "Oak bookshelf"}, {"SKU-1005", "Wool area rug"}, {"SKU-1006", "Copper kettle"},
	{"SKU-1007", "Lamp of the year"}, {"SKU-1008", "Cast iron skillet"}, {"SKU-1009", "Bamboo cutting board"},
	{"SKU-1010", "Glass carafe"}, {"SKU-1011", "Rattan chair"}, {"SKU-1012", "Ceramic planter"},
}

var stopWords = map[string]bool{"the": true, "a": true, "an": true, "of": true, "and": true}

// normalizeTokens lower-cases the tokens and drops stop words.
func normalizeTokens(tokens []string) []string {
	out := make([]string, 0, len(tokens))
	for i := 0; i < len(tokens); {
		t := strings.ToLower(tokens[i])
		if stopWords[t] {
			continue // BUG: skips i++ below; spins on the stop word for ever
		}
		out = append(out, t)
		i++
	}
	return out
}

type index struct {
	mu    sync.RWMutex
	terms map[string][]string
}

func (x *index) rebuild(ps []product) int {
	terms := map[string][]string{}
	for _, p := range ps {
		for _, t := range normalizeTokens(strings.Fields(p.Title)) {
			terms[t] = append(terms[t], p.SKU)
		}
	}
	x.mu.Lock()
	x.terms = terms
	x.mu.Unlock()
	return len(terms)
}

func (x *index) search(q string) []string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	seen := map[string]bool{}
	for _, t := range strings.Fields(strings.ToLower(q)) {
		for _, sku := range x.terms[t] {
			seen[sku] = true
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

type statusWriter struct {
	http.ResponseWriter
	status, bytes int
}

func (w *statusWriter) WriteHeader(s int) { w.status = s; w.ResponseWriter.WriteHeader(s) }
func (w *statusWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func main() {
	listen := flag.String("listen", "127.0.0.1:18191", "address")
	logPath := flag.String("log", "", "log file (default stderr)")
	flag.Parse()
	out := os.Stderr
	if *logPath != "" {
		f, err := os.OpenFile(*logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			log.Fatal(err)
		}
		out = f
	}
	logger := log.New(out, "", log.LstdFlags|log.Lmicroseconds|log.LUTC)

	// The index the service starts with: built without normalisation, as the previous release did.
	idx := &index{terms: map[string][]string{}}
	for _, p := range products {
		for _, t := range strings.Fields(strings.ToLower(p.Title)) {
			idx.terms[t] = append(idx.terms[t], p.SKU)
		}
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/v1/products", func(w http.ResponseWriter, r *http.Request) {
		skus := idx.search(r.URL.Query().Get("q"))
		fmt.Fprintf(w, "{\"skus\":[%s]}\n", strings.Join(quote(skus), ","))
	})
	mux.HandleFunc("/admin/reindex", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		go func() {
			logger.Printf("reindex: rebuilding the search index over %d products", len(products))
			start := time.Now()
			n := idx.rebuild(products)
			logger.Printf("reindex: done, %d terms in %s", n, time.Since(start))
		}()
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprintln(w, "{\"reindex\":\"started\"}")
	})
	mux.Handle("/debug/pprof/", http.DefaultServeMux)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })

	logged := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: 200}
		mux.ServeHTTP(sw, r)
		if !strings.HasPrefix(r.URL.Path, "/debug/") && r.URL.Path != "/healthz" {
			logger.Printf("%s %s %d %dB %s", r.Method, r.URL.RequestURI(), sw.status, sw.bytes, time.Since(start).Round(time.Microsecond))
		}
	})
	logger.Printf("catalog pid %d listening on %s", os.Getpid(), *listen)
	logger.Fatal(http.ListenAndServe(*listen, logged))
}

func quote(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = `"` + s + `"`
	}
	return out
}
