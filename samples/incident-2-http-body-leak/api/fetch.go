package main

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// The three downstream calls of the feed. They use http.Get: Go's DefaultClient, which has NO timeout
// (seed 001, step 1), and no context, so nothing ever cancels them.

// Sample is one item a downstream call returns.
type Sample struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
}

type sampleChannel struct {
	Data []*Sample
	Err  error
}

func (u *usecase) getDataFromContent(id int64) sampleChannel {
	return u.get(fmt.Sprintf("%s/v1/content?user=%d", u.contentURL, id))
}

func (u *usecase) getDataFromRelated(id int64) sampleChannel {
	return u.get(fmt.Sprintf("%s/v1/related?user=%d", u.contentURL, id))
}

// getDataFromTrending forgets to close the response body (seed 001, step 2). It only wants the top five of
// the trending list, so it decodes five items and stops: the rest of the body is never read, and without
// Close the connection is never handed back to the transport. It can never be reused, its
// persistConn.readLoop/writeLoop goroutines live as long as the process, and when the server closes it, it
// stays in CLOSE_WAIT with the unread bytes in its receive queue.
func (u *usecase) getDataFromTrending(id int64) sampleChannel {
	resp, err := http.Get(fmt.Sprintf("%s/v1/trending?user=%d", u.contentURL, id))
	if err != nil {
		return sampleChannel{Err: err}
	}
	if resp.StatusCode != http.StatusOK {
		return sampleChannel{Err: fmt.Errorf("trending: %s", resp.Status)}
	}
	dec := json.NewDecoder(resp.Body)
	if _, err := dec.Token(); err != nil { // [
		return sampleChannel{Err: err}
	}
	var out []*Sample
	for dec.More() && len(out) < 5 {
		var s Sample
		if err := dec.Decode(&s); err != nil {
			return sampleChannel{Err: err}
		}
		out = append(out, &s)
	}
	return sampleChannel{Data: out}
}

func (u *usecase) get(url string) sampleChannel {
	resp, err := http.Get(url)
	if err != nil {
		return sampleChannel{Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return sampleChannel{Err: fmt.Errorf("GET %s: %s", url, resp.Status)}
	}
	var out []*Sample
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return sampleChannel{Err: err}
	}
	return sampleChannel{Data: out}
}
