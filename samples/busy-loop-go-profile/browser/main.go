// browser: a bounded load client for the catalog, searching at a steady rate for -duration.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"time"
)

func main() {
	api := flag.String("api", "127.0.0.1:18191", "catalog address")
	duration := flag.Duration("duration", 2*time.Minute, "how long to browse")
	every := flag.Duration("every", 250*time.Millisecond, "time between searches")
	flag.Parse()
	queries := []string{"lamp", "oak bookshelf", "mug", "rug", "kettle", "chair", "skillet", "carafe", "planter", "pillow"}
	client := &http.Client{Timeout: 10 * time.Second}
	end := time.Now().Add(*duration)
	for i := 0; time.Now().Before(end); i++ {
		q := queries[i%len(queries)]
		go func(q string) {
			resp, err := client.Get(fmt.Sprintf("http://%s/v1/products?q=%s", *api, url.QueryEscape(q)))
			if err != nil {
				log.Printf("search %q: %v", q, err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}(q)
		time.Sleep(*every)
	}
}
