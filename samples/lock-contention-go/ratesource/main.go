// ratesource: the quotes service's dependency. GET /v1/rates answers a small JSON table of exchange
// rates after its configured delay (10 ms normally). POST /admin/delay?ms=N changes the delay: make.sh
// uses it to make the dependency slow for a while, as an overloaded upstream would be.
package main

import (
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"
	"time"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:18462", "address to serve on")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)
	log.SetOutput(os.Stdout)
	var delayMs atomic.Int64
	delayMs.Store(10)
	var served atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/rates", func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		time.Sleep(time.Duration(delayMs.Load()) * time.Millisecond)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]float64{"EURUSD": 1.0841, "GBPUSD": 1.2712, "USDJPY": 148.21, "USDCHF": 0.8803})
		log.Printf("GET /v1/rates 200 took=%s n=%d", time.Since(start).Round(time.Millisecond), served.Add(1))
	})
	mux.HandleFunc("/admin/delay", func(w http.ResponseWriter, r *http.Request) {
		ms, err := strconv.ParseInt(r.URL.Query().Get("ms"), 10, 64)
		if r.Method != http.MethodPost || err != nil || ms < 0 {
			http.Error(w, "POST /admin/delay?ms=N", http.StatusBadRequest)
			return
		}
		delayMs.Store(ms)
		log.Printf("delay set to %d ms", ms)
	})
	log.Printf("ratesource listening on %s", *listen)
	log.Fatal(http.ListenAndServe(*listen, mux))
}
