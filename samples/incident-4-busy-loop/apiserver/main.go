// api-server: the platform API of incident 4 (seed 003). Its log monitoring streams pod logs over
// websockets (gorilla/websocket); stream.go carries the seed's bug: `break` inside select's default at EOF.
package main

import (
	"flag"
	"log"
	"net/http"
	_ "net/http/pprof" // /debug/pprof/goroutine?debug=2 for the collector
	"os"
	"time"
)

type server struct {
	pods *podRegistry
}

func main() {
	listen := flag.String("listen", "127.0.0.1:38401", "listen address")
	logFile := flag.String("log", "", "log file (default stderr)")
	podDir := flag.String("pod-logs", "", "directory for finished pods' logs")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			log.Fatalf("open log: %v", err)
		}
		log.SetOutput(f)
	}
	pods, err := seedPods(*podDir)
	if err != nil {
		log.Fatalf("pods: %v", err)
	}
	s := &server{pods: pods}
	http.HandleFunc("/api/v1/namespaces/", s.streamPodLogs)
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	log.Printf("api-server pid %d listening on %s (%d pods)", os.Getpid(), *listen, len(pods.pods))
	srv := &http.Server{Addr: *listen, ErrorLog: log.Default(), ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
