// main-api: the gateway API of incident 2 (seed 001, "Avoiding memory leak in Golang API"). It answers the
// mobile app by fanning out to the content service with the default http.Client. Bugs of the seed: no
// client timeout, a response body never closed (fetch.go), a WaitGroup fan-out that waits for a dead
// service and a time.After fan-out whose workers are left blocked (usecase.go).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	_ "net/http/pprof" // /debug/pprof/goroutine?debug=2 for the collector
	"os"
	"strconv"
	"time"
)

// statusWriter remembers what the handler wrote, for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// accessLog writes one line per request: client, request line, status, bytes, response time.
func accessLog(out *log.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		out.Printf("%s \"%s %s %s\" %d %d %.3fms", r.RemoteAddr, r.Method, r.URL.RequestURI(), r.Proto, sw.status, sw.bytes,
			float64(time.Since(start).Microseconds())/1000)
	})
}

func writeJSON(w http.ResponseWriter, v interface{}, err error) {
	w.Header().Set("Content-Type", "application/json")
	if err != nil {
		log.Printf("ERROR %v", err)
		w.WriteHeader(http.StatusInternalServerError)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "Internal Server Error"})
		return
	}
	_ = json.NewEncoder(w).Encode(v)
}

func main() {
	listen := flag.String("listen", "127.0.0.1:38201", "listen address")
	content := flag.String("content", "http://127.0.0.1:38251", "content service base URL")
	logDir := flag.String("log-dir", ".", "directory for app.log and access.log")
	flag.Parse()

	flags := log.LstdFlags | log.Lmicroseconds | log.LUTC
	open := func(name string) *os.File {
		f, err := os.OpenFile(*logDir+"/"+name, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			log.Fatalf("open %s: %v", name, err)
		}
		return f
	}
	log.SetFlags(flags)
	log.SetOutput(open("app.log"))
	access := log.New(open("access.log"), "", flags)

	u := &usecase{contentURL: *content}
	id := func(r *http.Request) int64 {
		n, _ := strconv.ParseInt(r.URL.Query().Get("user"), 10, 64)
		return n
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v1/feed", func(w http.ResponseWriter, r *http.Request) {
		items, err := u.GetFeed(id(r))
		writeJSON(w, items, err)
	})
	mux.HandleFunc("/api/v1/sample", func(w http.ResponseWriter, r *http.Request) {
		items, err := u.GetSample(id(r))
		writeJSON(w, items, err)
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	http.Handle("/api/", accessLog(access, mux))
	http.Handle("/healthz", mux)

	log.Printf("main-api pid %d listening on %s, content service %s", os.Getpid(), *listen, *content)
	srv := &http.Server{Addr: *listen, ErrorLog: log.Default(), ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
