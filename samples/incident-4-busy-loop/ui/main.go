// ui: a bounded stand-in for the platform's web console. Every -every it opens the log view of a pod,
// alternating between finished pods (batch/nightly-etl-N) and running ones (web/frontend-N); it reads the
// lines for a few seconds and closes the view (the websocket).
package main

import (
	"flag"
	"fmt"
	"log"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

func main() {
	base := flag.String("api", "127.0.0.1:38401", "api-server address")
	duration := flag.Duration("duration", 4*time.Minute, "how long to run")
	every := flag.Duration("every", 20*time.Second, "one log view opened per interval")
	hold := flag.Duration("hold", 8*time.Second, "how long a view stays open")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)
	deadline := time.Now().Add(*duration)
	var wg sync.WaitGroup
	for n := 1; time.Now().Before(deadline); n++ {
		path := fmt.Sprintf("/api/v1/namespaces/batch/pods/nightly-etl-%d/log/stream", 1+(n/2)%12)
		if n%2 == 0 {
			path = fmt.Sprintf("/api/v1/namespaces/web/pods/frontend-%d/log/stream", 1+(n/2)%4)
		}
		wg.Add(1)
		go func(path string) {
			defer wg.Done()
			view(*base, path, *hold)
		}(path)
		time.Sleep(*every)
	}
	wg.Wait()
}

func view(base, path string, hold time.Duration) {
	ws, _, err := websocket.DefaultDialer.Dial("ws://"+base+path, nil)
	if err != nil {
		log.Printf("%s: %v", path, err)
		return
	}
	defer ws.Close()
	_ = ws.SetReadDeadline(time.Now().Add(hold))
	lines := 0
	for {
		if _, _, err := ws.ReadMessage(); err != nil {
			break
		}
		lines++
	}
	log.Printf("%s: %d lines", path, lines)
	_ = ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
}
