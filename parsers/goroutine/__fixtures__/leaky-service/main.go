// leaky-service is the Go program make-fixtures.sh runs to produce the real goroutine dumps kept
// beside it: an HTTP service on 127.0.0.1 with net/http/pprof whose /order handler starts one
// goroutine per item that blocks forever sending to a channel nobody reads, and whose /report
// handler starts workers that wait on a mutex a slow audit holds. Every request is logged to
// stderr with the standard `log` package, so a SIGQUIT dump lands between log lines.
package main

import (
	"flag"
	"log"
	"net/http"
	_ "net/http/pprof"
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
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	log.Printf("listening on %s", *listen)
	log.Fatal(http.ListenAndServe(*listen, nil))
}
