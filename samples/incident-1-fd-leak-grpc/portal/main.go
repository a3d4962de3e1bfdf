// portal: a bounded stand-in for the web portal's users. It calls the REST API every few seconds and opens a
// GraphQL subscription now and then, held a few seconds. Half of the subscriptions end the polite way
// ("stop", then "connection_terminate" a few seconds later); the other half end like a closed browser tab:
// the TCP connection just goes away.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

func main() {
	base := flag.String("gateway", "127.0.0.1:18080", "gateway address")
	duration := flag.Duration("duration", 4*time.Minute, "how long to run")
	restEvery := flag.Duration("rest-every", 3*time.Second, "one REST call per interval")
	subEvery := flag.Duration("sub-every", 20*time.Second, "one new subscription per interval")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)
	deadline := time.Now().Add(*duration)
	rng := rand.New(rand.NewSource(1))
	client := &http.Client{Timeout: 5 * time.Second}

	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // REST calls
		defer wg.Done()
		for time.Now().Before(deadline) {
			resp, err := client.Get(fmt.Sprintf("http://%s/api/v1/jobs?id=%d", *base, 1+rng.Intn(20)))
			if err != nil {
				log.Printf("rest: %v", err)
			} else {
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
				if resp.StatusCode != 200 {
					log.Printf("rest: status %d", resp.StatusCode)
				}
			}
			time.Sleep(*restEvery)
		}
	}()

	n := 0
	for time.Now().Before(deadline) {
		n++
		wg.Add(1)
		go func(n int, hold time.Duration, polite bool) {
			defer wg.Done()
			subscribe(*base, n, hold, polite)
		}(n, time.Duration(3+rng.Intn(6))*time.Second, n%2 == 0)
		time.Sleep(*subEvery)
	}
	wg.Wait()
}

func subscribe(base string, n int, hold time.Duration, polite bool) {
	ws, _, err := websocket.DefaultDialer.Dial("ws://"+base+"/graphql", nil)
	if err != nil {
		log.Printf("subscription %d: %v", n, err)
		return
	}
	defer ws.Close()
	_ = ws.WriteJSON(map[string]interface{}{"type": "connection_init"})
	_ = ws.WriteJSON(map[string]interface{}{
		"id": "1", "type": "start",
		"payload": map[string]interface{}{
			"query":     "subscription JobState($id: Int!) { jobState(id: $id) { id state } }",
			"variables": map[string]interface{}{"id": 100 + n},
		},
	})
	end := time.Now().Add(hold)
	_ = ws.SetReadDeadline(end)
	for {
		if _, _, err := ws.ReadMessage(); err != nil {
			break
		}
	}
	if polite {
		// the view is left: "stop" the operation, keep the connection a little, then terminate it
		_ = ws.WriteJSON(map[string]interface{}{"id": "1", "type": "stop"})
		time.Sleep(6 * time.Second)
		_ = ws.WriteJSON(map[string]interface{}{"type": "connection_terminate"})
		time.Sleep(200 * time.Millisecond)
	}
	// not polite: the tab is closed, the TCP connection goes away without a websocket close frame
}
