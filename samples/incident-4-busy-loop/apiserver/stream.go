package main

import (
	"bufio"
	"io"
	"log"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

// streamPodLogs serves /api/v1/namespaces/{ns}/pods/{pod}/log/stream: the pod's log lines over a websocket.
func (s *server) streamPodLogs(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) != 8 {
		http.NotFound(w, r)
		return
	}
	ns, name := parts[3], parts[5]
	pod, ok := s.pods.get(ns, name)
	if !ok {
		http.NotFound(w, r)
		return
	}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		log.Printf("ERROR log stream %s/%s: upgrade: %v", ns, name, err)
		return
	}
	src, err := pod.open()
	if err != nil {
		log.Printf("ERROR log stream %s/%s: %v", ns, name, err)
		_ = ws.Close()
		return
	}
	log.Printf("log stream opened: pod %s/%s (%s) for %s", ns, name, pod.phase, r.RemoteAddr)

	msgs := make(chan string)
	done := make(chan struct{})
	go readPodLogs(bufio.NewReader(src), msgs, done)

	// The main loop forwards lines. THE SECOND BUG (seed 003): nothing here notices the end of the stream
	// (the reader never says so) nor reads from the websocket, so the connection is not closed when the
	// log ends and the handler waits on msgs for ever; done is only closed when a write fails.
	for msg := range msgs {
		_ = ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
		if err := ws.WriteMessage(websocket.TextMessage, []byte(msg)); err != nil {
			log.Printf("log stream closed: pod %s/%s: %v", ns, name, err)
			close(done)
			_ = src.Close()
			_ = ws.Close()
			return
		}
	}
}

// readPodLogs sends the pod's log lines to msgs until done is closed.
//
// THE BUG (seed 003): at EOF — which a completed or failed pod's log reaches, a running pod's never does —
// `break` leaves the select, not the for loop. The loop comes straight back to the default case, ReadString
// returns io.EOF again at once, and the goroutine spins on a core for as long as the process lives.
func readPodLogs(reader *bufio.Reader, msgs chan<- string, done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		default:
			line, err := reader.ReadString('\n')
			if err == io.EOF {
				break
			}
			if err != nil {
				log.Printf("ERROR log stream read: %v", err)
				return
			}
			select {
			case msgs <- line:
			case <-done:
				return
			}
		}
	}
}
