// leaky-service is the Go program make-fixtures.sh runs to produce the real goroutine dumps kept
// beside it: an HTTP service on 127.0.0.1 with net/http/pprof whose /order handler starts one
// goroutine per item that blocks forever sending to a channel nobody reads, and whose /report
// handler starts workers that wait on a mutex a slow audit holds, whose /fetch handler calls the
// service's own /healthz (body `ok`) with net/http's client and never closes the response bodies (each leaves a
// client connection's readLoop and writeLoop goroutines behind), and whose /job handler starts
// workers under pprof.Do with a `tenant` label that wait forever for work. Every request is logged
// to stderr with the standard `log` package, so a SIGQUIT dump lands between log lines.
package main

import (
	"context"
	"flag"
	"log"
	"net/http"
	_ "net/http/pprof"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"
)

// broker fans order events out to subscribers; events is unbuffered and nobody reads it.
type broker struct {
	events chan string
}

// publish blocks until a subscriber takes the event: forever.
func (b *broker) publish(topic string, id int) {
	b.events <- topic + "#" + strconv.Itoa(id)
}

type ledger struct {
	mu    sync.Mutex
	total int
}

// audit holds the ledger's lock while it "checks" the entries.
func (l *ledger) audit(d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	time.Sleep(d)
}

// add waits for the lock the audit holds.
func (l *ledger) add(n int) {
	l.mu.Lock()
	l.total += n
	l.mu.Unlock()
}

// queue hands jobs to workers; nothing is ever put on it.
type queue struct {
	jobs chan int
}

// take waits for the next job: forever.
func (q *queue) take() int {
	return <-q.jobs
}

// probe GETs url and reads the status only: the body is never closed, so the client connection
// (and its two transport goroutines) stays open.
func probe(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// refresh is a well-behaved background loop: it waits on its ticker.
func refresh(every time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-stop:
			return
		}
	}
}

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	flag.Parse()

	b := &broker{events: make(chan string)}
	l := &ledger{}
	q := &queue{jobs: make(chan int)}
	client := &http.Client{} // no timeout: a response nobody closes keeps its connection forever
	stop := make(chan struct{})
	go refresh(time.Minute, stop)

	http.HandleFunc("/order", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		for i := 0; i < n; i++ {
			go b.publish("order", i)
		}
		log.Printf("order accepted items=%d", n)
		w.WriteHeader(http.StatusAccepted)
	})
	http.HandleFunc("/report", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		go l.audit(10 * time.Minute)
		time.Sleep(50 * time.Millisecond)
		for i := 0; i < n; i++ {
			go l.add(i)
		}
		log.Printf("report started workers=%d", n)
		w.WriteHeader(http.StatusAccepted)
	})
	http.HandleFunc("/fetch", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		ok := 0
		for i := 0; i < n; i++ {
			if code, err := probe(client, "http://"+*listen+"/healthz"); err == nil && code == http.StatusOK {
				ok++
			}
		}
		log.Printf("fetched upstream n=%d ok=%d", n, ok)
		w.WriteHeader(http.StatusOK)
	})
	http.HandleFunc("/job", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		tenant := r.URL.Query().Get("tenant")
		// Goroutines started inside pprof.Do inherit its labels.
		pprof.Do(context.Background(), pprof.Labels("tenant", tenant), func(context.Context) {
			for i := 0; i < n; i++ {
				go q.take()
			}
		})
		log.Printf("job workers started tenant=%s n=%d", tenant, n)
		w.WriteHeader(http.StatusAccepted)
	})
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("ok\n"))
	})
	log.Printf("listening on %s", *listen)
	log.Fatal(http.ListenAndServe(*listen, nil))
}
