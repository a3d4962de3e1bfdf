// api_gateway: the web portal's gateway of incident 1 (seed 000). It answers REST calls from MySQL plus the
// tuba module (gRPC) and GraphQL subscriptions over websockets. It carries the two bugs of the seed: a gRPC
// ClientConn leaked per call (tuba.go) and subscription loops that outlive their websocket (subscription.go).
package main

import (
	"database/sql"
	"flag"
	"log"
	"net/http"
	_ "net/http/pprof" // /debug/pprof/goroutine?debug=2 for the collector
	"os"
	"time"

	"github.com/go-sql-driver/mysql"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:18080", "HTTP listen address")
	tubaHost := flag.String("tuba-host", "127.0.0.1", "tuba module host")
	tubaPort := flag.Int("tuba-port", 50051, "tuba module port")
	dsn := flag.String("mysql", "gateway:gateway-pw@tcp(127.0.0.1:33061)/portal?timeout=2s", "MySQL DSN")
	logFile := flag.String("log", "", "log file (default stderr)")
	flag.Parse()

	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			log.Fatalf("open log: %v", err)
		}
		log.SetOutput(f)
	}
	_ = mysql.SetLogger(log.New(log.Writer(), "[mysql] ", log.Flags()))

	db, err := sql.Open("mysql", *dsn)
	if err != nil {
		log.Fatalf("mysql: %v", err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(4)
	db.SetConnMaxLifetime(20 * time.Second) // the DBA's proxy recycles sessions: the pool redials often
	if err := db.Ping(); err != nil {
		log.Fatalf("mysql ping: %v", err)
	}

	http.Handle("/api/v1/jobs", &jobsHandler{db: db, tubaHost: *tubaHost, tubaPort: *tubaPort})
	http.Handle("/graphql", &subscriptions{tubaHost: *tubaHost, tubaPort: *tubaPort})
	http.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })

	srv := &http.Server{Addr: *listen, ErrorLog: log.Default(), ReadHeaderTimeout: 10 * time.Second}
	dbAddr := "?"
	if cfg, err := mysql.ParseDSN(*dsn); err == nil {
		dbAddr = cfg.Addr
	}
	log.Printf("api_gateway pid %d listening on %s (tuba module %s:%d, mysql %s)", os.Getpid(), *listen, *tubaHost, *tubaPort, dbAddr)
	log.Fatal(srv.ListenAndServe())
}
