// lockwaits: goroutines queued on locks of each kind, each lock held by a goroutine doing something
// else, written out by the runtime as pprof goroutine profiles (debug=2 and debug=1), then exit.
//   - store.mu, a sync.RWMutex that is not the struct's first field: reload holds it for writing while
//     it sleeps; 5 readers (get, RLock) and one writer (put, Lock) queue on it;
//   - auditMu, a package-level sync.Mutex: writeAudit holds it while blocked in a read(2) on a pipe
//     nobody writes to; 4 more writeAudit calls queue on it;
//   - a and b: transfer(a, b) and transfer(b, a) each hold one and queue on the other (a cycle).
package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"syscall"
	"time"
)

type store struct {
	hits int
	mu   sync.RWMutex
	data map[string]string
}

func (s *store) reload() {
	s.mu.Lock()
	defer s.mu.Unlock()
	time.Sleep(time.Hour)
	s.data = map[string]string{}
}

func (s *store) get(k string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.data[k]
}

func (s *store) put(k, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[k] = v
}

var auditMu sync.Mutex

func writeAudit(fd int) {
	auditMu.Lock()
	defer auditMu.Unlock()
	buf := make([]byte, 1)
	_, _ = syscall.Read(fd, buf)
}

type account struct {
	mu      sync.Mutex
	balance int
}

func transfer(from, to *account, n int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	time.Sleep(50 * time.Millisecond)
	to.mu.Lock()
	defer to.mu.Unlock()
	from.balance -= n
	to.balance += n
}

func main() {
	s := &store{data: map[string]string{}}
	go s.reload()
	time.Sleep(50 * time.Millisecond)
	for i := 0; i < 5; i++ {
		go s.get("k")
	}
	go s.put("k", "v")

	var p [2]int
	if err := syscall.Pipe(p[:]); err != nil {
		panic(err)
	}
	go writeAudit(p[0])
	time.Sleep(50 * time.Millisecond)
	for i := 0; i < 4; i++ {
		go writeAudit(p[0])
	}

	a, b := &account{balance: 10}, &account{balance: 10}
	go transfer(a, b, 1)
	go transfer(b, a, 1)

	time.Sleep(500 * time.Millisecond)
	for _, d := range []struct {
		name  string
		debug int
	}{{os.Args[1], 2}, {os.Args[2], 1}} {
		f, err := os.Create(d.name)
		if err != nil {
			panic(err)
		}
		if err := pprof.Lookup("goroutine").WriteTo(f, d.debug); err != nil {
			panic(err)
		}
		f.Close()
	}
	// Only with a third argument (make-fixtures-go122.sh; the lines above are unchanged so the Go 1.19
	// files still come from this source): queue N more transfers on a.mu, whose holder waits for b.mu
	// (many waiters behind a cycle), say so on stdout, and stay up for the SIGQUIT trace.
	if len(os.Args) > 3 {
		n := 0 // a decimal count, read without importing strconv (an import line would move the lines above)
		for _, c := range os.Args[3] {
			n = n*10 + int(c-'0')
		}
		for i := 0; i < n; i++ {
			go transfer(a, b, 1)
		}
		time.Sleep(200 * time.Millisecond)
		os.Stdout.WriteString("ready for SIGQUIT\n")
		time.Sleep(time.Hour)
	}
}
