// checkout: the upstream API of the stall-drains-go sample. POST /api/checkout reserves the cart's item
// in the inventory service (one HTTP call per request, done properly: a shared http.Client with a 10 s
// timeout, the request's context passed down, the body read to the end and closed) and answers 201, or
// 504/502 when inventory does not answer. GET /api/cart is served from memory (no downstream call).
// Logging: zap's production config (JSON lines, epoch-seconds "ts", caller, stacktrace at error level),
// without sampling, into -log-file. net/http/pprof on a separate localhost listener (-debug).
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	_ "net/http/pprof" // registers /debug/pprof/ on http.DefaultServeMux, served on -debug only
	"os"
	"strconv"
	"time"

	"go.uber.org/zap"
)

type ctxKey struct{}

// statusWriter remembers the status and size the handler wrote, for the request log.
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

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// withRequestLog gives every request an id (X-Request-Id, or a new one) and logs one line when it ends:
// info below 400, warn for 4xx, error for 5xx.
func withRequestLog(log *zap.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if id == "" {
			id = newRequestID()
		}
		w.Header().Set("X-Request-Id", id)
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), ctxKey{}, id)))
		fields := []zap.Field{
			zap.String("request_id", id),
			zap.String("method", r.Method),
			zap.String("path", r.URL.Path),
			zap.Int("status", sw.status),
			zap.Int("bytes", sw.bytes),
			zap.Duration("duration", time.Since(start)),
			zap.String("remote", r.RemoteAddr),
		}
		switch {
		case sw.status >= 500:
			log.Error("request", fields...)
		case sw.status >= 400:
			log.Warn("request", fields...)
		default:
			log.Info("request", fields...)
		}
	})
}

func requestID(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
}

type reservation struct {
	ID  string `json:"reservation_id"`
	SKU string `json:"sku"`
	Qty int    `json:"qty"`
}

type api struct {
	log       *zap.Logger
	client    *http.Client
	inventory string
}

// reserve calls inventory once: POST /v1/reservations, with the caller's context.
func (a *api) reserve(ctx context.Context, sku string, qty int) (*reservation, error) {
	url := fmt.Sprintf("%s/v1/reservations?sku=%s&qty=%d", a.inventory, sku, qty)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Request-Id", requestID(ctx))
	resp, err := a.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusCreated {
		return nil, fmt.Errorf("inventory answered %d: %s", resp.StatusCode, body)
	}
	var res reservation
	if err := json.Unmarshal(body, &res); err != nil {
		return nil, err
	}
	return &res, nil
}

func (a *api) checkout(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	var cart struct {
		CartID int    `json:"cart_id"`
		SKU    string `json:"sku"`
		Qty    int    `json:"qty"`
	}
	if err := json.NewDecoder(r.Body).Decode(&cart); err != nil || cart.SKU == "" || cart.Qty <= 0 {
		http.Error(w, "bad cart", http.StatusBadRequest)
		return
	}
	start := time.Now()
	res, err := a.reserve(r.Context(), cart.SKU, cart.Qty)
	if err != nil {
		status := http.StatusBadGateway
		var ne net.Error
		if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
			status = http.StatusGatewayTimeout
		}
		a.log.Error("inventory reservation failed",
			zap.String("request_id", requestID(r.Context())),
			zap.Int("cart_id", cart.CartID),
			zap.String("sku", cart.SKU),
			zap.Duration("elapsed", time.Since(start)),
			zap.Error(err))
		http.Error(w, http.StatusText(status), status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]interface{}{
		"order": fmt.Sprintf("ord-%d-%s", cart.CartID, res.ID), "sku": res.SKU, "qty": res.Qty,
	})
}

func (a *api) cart(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.URL.Query().Get("id"))
	if err != nil {
		http.Error(w, "bad cart id", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]interface{}{
		"cart_id": id, "items": []map[string]interface{}{{"sku": fmt.Sprintf("SKU-%04d", 1000+id%97), "qty": 1 + id%3}},
	})
}

func main() {
	listen := flag.String("listen", "127.0.0.1:18171", "API listen address")
	debug := flag.String("debug", "127.0.0.1:18173", "net/http/pprof listen address")
	inventory := flag.String("inventory", "http://127.0.0.1:18172", "inventory service base URL")
	logFile := flag.String("log-file", "checkout.log", "JSON log file")
	flag.Parse()

	cfg := zap.NewProductionConfig()
	cfg.Sampling = nil // every request line is kept
	cfg.OutputPaths = []string{*logFile}
	base, err := cfg.Build()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer base.Sync()
	log := base.With(zap.String("service", "checkout"))

	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 4
	transport.IdleConnTimeout = 30 * time.Second
	a := &api{
		log:       log,
		client:    &http.Client{Timeout: 10 * time.Second, Transport: transport},
		inventory: *inventory,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/checkout", a.checkout)
	mux.HandleFunc("/api/cart", a.cart)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok\n") })

	go func() {
		log.Info("debug server listening", zap.String("addr", *debug))
		if err := http.ListenAndServe(*debug, nil); err != nil {
			log.Error("debug server stopped", zap.Error(err))
		}
	}()
	srv := &http.Server{
		Addr:              *listen,
		Handler:           withRequestLog(log.Named("http"), mux),
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	log.Info("checkout listening", zap.String("addr", *listen), zap.Int("pid", os.Getpid()),
		zap.String("inventory", *inventory), zap.Duration("inventory_timeout", a.client.Timeout))
	if err := srv.ListenAndServe(); err != nil {
		log.Fatal("server stopped", zap.Error(err))
	}
}
