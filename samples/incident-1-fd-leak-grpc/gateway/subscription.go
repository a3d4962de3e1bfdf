package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
	"google.golang.org/grpc"
	pb "google.golang.org/grpc/health/grpc_health_v1"
)

// GraphQL subscriptions over websockets, in the graphql-ws ("subscriptions-transport-ws") message
// protocol the web portal speaks: connection_init / start / stop / connection_terminate from the client,
// connection_ack / data from the server. Only the job-state subscription exists; no GraphQL library is
// packaged in Debian, so the query text is carried but not executed.

type operationMessage struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// StartMessagePayload is the payload of a "start" message.
type StartMessagePayload struct {
	Query     string                 `json:"query"`
	Variables map[string]interface{} `json:"variables"`
}

type wsConnection struct {
	id string
	ws *websocket.Conn
	mu sync.Mutex
}

func (c *wsConnection) ID() string { return c.id }

func (c *wsConnection) SendData(opID string, payload interface{}) error {
	data, err := json.Marshal(map[string]interface{}{"data": payload})
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(time.Second))
	return c.ws.WriteJSON(operationMessage{ID: opID, Type: "data", Payload: data})
}

// operations: connection ID -> operation ID -> stopped.
var (
	opsMu      sync.Mutex
	operations = map[string]map[string]bool{}
	nextConnID int64
)

// isOperationStopped : true once the client sent "stop" for the operation.
//
// THE SECOND BUG (seed 000): when the websocket itself goes away, the connection's entry is deleted, the
// operation no longer belongs to any known connection, and this answers false for ever: the subscription
// loop keeps running (and keeps dialing the tuba module) after its client is gone.
func isOperationStopped(connID, opID string) bool {
	opsMu.Lock()
	defer opsMu.Unlock()
	ops, ok := operations[connID]
	if !ok {
		return false
	}
	return ops[opID]
}

type subscriptions struct {
	tubaHost string
	tubaPort int
	upgrader websocket.Upgrader
}

func (s *subscriptions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		log.Printf("ERROR graphql-ws: upgrade from %s: %v", r.RemoteAddr, err)
		return
	}
	conn := &wsConnection{id: strconv.FormatInt(atomic.AddInt64(&nextConnID, 1), 10), ws: ws}
	opsMu.Lock()
	operations[conn.id] = map[string]bool{}
	opsMu.Unlock()
	log.Printf("graphql-ws: connection %s opened from %s", conn.id, r.RemoteAddr)

	reason := s.readLoop(conn)

	opsMu.Lock()
	n := len(operations[conn.id])
	delete(operations, conn.id)
	opsMu.Unlock()
	_ = ws.Close()
	log.Printf("graphql-ws: connection %s closed (%s), %d operation(s) registered", conn.id, reason, n)
}

func (s *subscriptions) readLoop(conn *wsConnection) string {
	for {
		var msg operationMessage
		if err := conn.ws.ReadJSON(&msg); err != nil {
			return err.Error()
		}
		switch msg.Type {
		case "connection_init":
			conn.mu.Lock()
			err := conn.ws.WriteJSON(operationMessage{Type: "connection_ack"})
			conn.mu.Unlock()
			if err != nil {
				return err.Error()
			}
		case "start":
			var data StartMessagePayload
			if err := json.Unmarshal(msg.Payload, &data); err != nil {
				log.Printf("ERROR graphql-ws: connection %s operation %s: bad payload: %v", conn.id, msg.ID, err)
				continue
			}
			opsMu.Lock()
			operations[conn.id][msg.ID] = false
			opsMu.Unlock()
			log.Printf("graphql-ws: connection %s operation %s started: %s", conn.id, msg.ID, data.Query)
			go s.graphqlCommonSubscription(conn, msg.ID, &data)
		case "stop":
			opsMu.Lock()
			operations[conn.id][msg.ID] = true
			opsMu.Unlock()
			log.Printf("graphql-ws: connection %s operation %s stop requested", conn.id, msg.ID)
		case "connection_terminate":
			return "connection_terminate"
		}
	}
}

// graphqlCommonSubscription polls the tuba module for the job's state every 5 s and pushes it to the client.
func (s *subscriptions) graphqlCommonSubscription(conn *wsConnection, opID string, data *StartMessagePayload) {
	ctx := context.Background()
	jobID := 0
	if v, ok := data.Variables["id"].(float64); ok {
		jobID = int(v)
	}

	for {
		state, err := s.jobState(ctx, jobID)
		if err != nil {
			log.Printf("ERROR graphql-ws: connection %s operation %s: tuba state of job %d: %v", conn.ID(), opID, jobID, err)
		}

		if isOperationStopped(conn.ID(), opID) {
			log.Printf("graphql-ws: connection %s operation %s stopped", conn.ID(), opID)
			return
		}

		if err == nil {
			_ = conn.SendData(opID, map[string]interface{}{"jobState": map[string]interface{}{"id": jobID, "state": state}})
		}
		time.Sleep(5 * time.Second)
	}
}

func (s *subscriptions) jobState(ctx context.Context, jobID int) (string, error) {
	var conn *grpc.ClientConn
	tuba, err := InitTuba(s.tubaHost, s.tubaPort, conn)
	if err != nil {
		return "", err
	}
	defer closeTuba(conn) // nil: see InitTuba

	cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	resp, err := tuba.Check(cctx, &pb.HealthCheckRequest{Service: fmt.Sprintf("tuba.job/%d", jobID)})
	if err != nil {
		return "", err
	}
	return resp.GetStatus().String(), nil
}
