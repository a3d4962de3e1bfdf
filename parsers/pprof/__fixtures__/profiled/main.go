// profiled: a small order service with net/http/pprof, made to be profiled. It serves orders (a map
// behind one mutex, a worker pool fed through a channel) and, on POST /reindex, starts a search-index
// rebuild whose token normaliser never advances past a stop word: `continue` skips the `i++`, so the
// goroutine spins in main.normalizeTokens on a core for as long as the process lives, while the other
// handlers go on serving. Mutex and block profiling are on so /debug/pprof/mutex and /block have samples.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

type order struct {
	ID    int
	Items []string
	Total float64
	Note  []byte
}

type store struct {
	mu     sync.Mutex
	orders map[int]*order
}

func (s *store) put(o *order) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Holding the lock while pricing: the contention the mutex profile shows.
	o.Total = price(o.Items)
	s.orders[o.ID] = o
}

func (s *store) get(id int) *order {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.orders[id]
}

func price(items []string) float64 {
	t := 0.0
	for _, it := range items {
		for _, c := range it {
			t += float64(c%7) * 0.13
		}
	}
	time.Sleep(200 * time.Microsecond)
	return t
}

var stopWords = map[string]bool{"the": true, "a": true, "of": true, "and": true}

// normalizeTokens drops stop words and lower-cases the rest. The bug: `continue` on a stop word skips
// `i++`, so the first stop word makes the loop spin for ever without blocking.
func normalizeTokens(tokens []string) []string {
	out := make([]string, 0, len(tokens))
	for i := 0; i < len(tokens); {
		t := strings.ToLower(tokens[i])
		if stopWords[t] {
			continue
		}
		out = append(out, t)
		i++
	}
	return out
}

func rebuildIndex(docs []string) int {
	n := 0
	for _, d := range docs {
		n += len(normalizeTokens(strings.Fields(d)))
	}
	return n
}

func main() {
	listen := flag.String("listen", "127.0.0.1:38981", "address")
	flag.Parse()
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)
	logger := log.New(os.Stderr, "", log.LstdFlags|log.Lmicroseconds|log.LUTC)

	st := &store{orders: map[int]*order{}}
	jobs := make(chan *order)
	for w := 0; w < 4; w++ {
		go func() {
			for o := range jobs {
				st.put(o)
			}
		}()
	}

	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	http.HandleFunc("/orders", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(r.URL.Query().Get("id"))
		o := &order{ID: id, Items: []string{"widget-" + strconv.Itoa(id), "gadget", "sprocket"}, Note: make([]byte, 4096)}
		jobs <- o // blocks until a worker takes it: the block profile's channel send
		for i := 0; i < 50 && st.get(id) == nil; i++ {
			time.Sleep(time.Millisecond)
		}
		fmt.Fprintf(w, "order %d stored\n", id)
	})
	http.HandleFunc("/reindex", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		docs := []string{"Red widget", "Blue gadget", "The sprocket of the year"}
		go func() {
			logger.Printf("reindex: started over %d documents", len(docs))
			n := rebuildIndex(docs)
			logger.Printf("reindex: done, %d tokens", n)
		}()
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprintln(w, "reindex started")
	})
	logger.Printf("profiled pid %d listening on %s", os.Getpid(), *listen)
	logger.Fatal(http.ListenAndServe(*listen, nil))
}
