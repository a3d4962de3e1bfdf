package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"strconv"
	"time"

	"google.golang.org/grpc"
	pb "google.golang.org/grpc/health/grpc_health_v1"
)

type jobsHandler struct {
	db       *sql.DB
	tubaHost string
	tubaPort int
}

// GET /api/v1/jobs?id=N: the job's row from MySQL and its live state from the tuba module.
func (h *jobsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	status := h.serve(w, r)
	log.Printf("%s %s %d %s", r.Method, r.URL.RequestURI(), status, time.Since(start).Round(time.Microsecond))
}

func (h *jobsHandler) serve(w http.ResponseWriter, r *http.Request) int {
	id, err := strconv.Atoi(r.URL.Query().Get("id"))
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return http.StatusBadRequest
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()

	var name string
	if err := h.db.QueryRowContext(ctx, "SELECT name FROM jobs WHERE id = ?", id).Scan(&name); err != nil {
		log.Printf("ERROR jobs: mysql query for job %d: %v", id, err)
		http.Error(w, "database error", http.StatusInternalServerError)
		return http.StatusInternalServerError
	}

	var conn *grpc.ClientConn
	tuba, err := InitTuba(h.tubaHost, h.tubaPort, conn)
	if err != nil {
		log.Printf("ERROR jobs: tuba dial: %v", err)
		http.Error(w, "tuba unavailable", http.StatusBadGateway)
		return http.StatusBadGateway
	}
	defer closeTuba(conn) // conn is still nil: see InitTuba

	resp, err := tuba.Check(ctx, &pb.HealthCheckRequest{Service: fmt.Sprintf("tuba.job/%d", id)})
	if err != nil {
		log.Printf("ERROR jobs: tuba state of job %d: %v", id, err)
		http.Error(w, "tuba unavailable", http.StatusBadGateway)
		return http.StatusBadGateway
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]interface{}{"id": id, "name": name, "state": resp.GetStatus().String()})
	return http.StatusOK
}
