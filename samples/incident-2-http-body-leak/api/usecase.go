package main

import (
	"fmt"
	"log"
	"sync"
	"time"
)

type usecase struct {
	contentURL string
}

// GetSample is the original fan-out (seed 001, step 3, "before"): a WaitGroup waits for all three calls,
// so one dead downstream holds the request until that downstream answers — minutes, with no timeout.
func (u *usecase) GetSample(id int64) ([]*Sample, error) {
	chanSample := make(chan sampleChannel, 3)
	wg := sync.WaitGroup{}

	wg.Add(1)
	go func() {
		defer wg.Done()
		chanSample <- u.getDataFromContent(id)
	}()

	wg.Add(1)
	go func() {
		defer wg.Done()
		chanSample <- u.getDataFromRelated(id)
	}()

	wg.Add(1)
	go func() {
		defer wg.Done()
		chanSample <- u.getDataFromTrending(id)
	}()

	wg.Wait()
	close(chanSample)

	result := make([]*Sample, 0)
	for sampleItem := range chanSample {
		if sampleItem.Err != nil {
			log.Printf("ERROR sample %d: %v", id, sampleItem.Err)
		}
		result = append(result, sampleItem.Data...)
	}
	return result, nil
}

// GetFeed is the "first attempt" fix (seed 001, step 3): a time.After timeout answers the user after 2 s,
// but the workers are not cancelled. The channel here is unbuffered, so every worker that finishes after
// the timeout blocks for ever on its send: nobody reads the channel any more. Workers whose call hangs stay
// inside the HTTP call (no client timeout, no context) and block on the send once it returns.
func (u *usecase) GetFeed(id int64) ([]*Sample, error) {
	chanSample := make(chan sampleChannel)

	go func() {
		chanSample <- u.getDataFromContent(id)
	}()

	go func() {
		chanSample <- u.getDataFromRelated(id)
	}()

	go func() {
		chanSample <- u.getDataFromTrending(id)
	}()

	result := make([]*Sample, 0)
	timeout := time.After(time.Second * 2)

	for loop := 0; loop < 3; loop++ {
		select {
		case sampleItem := <-chanSample:
			if sampleItem.Err != nil {
				log.Printf("ERROR feed %d: %v", id, sampleItem.Err)
				continue
			}
			result = append(result, sampleItem.Data...)
		case <-timeout:
			return make([]*Sample, 0), fmt.Errorf("Timeout to get feed id: %d. ", id)
		}
	}
	return result, nil
}
