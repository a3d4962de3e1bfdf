package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// A small stand-in for the platform's pod registry: completed and failed pods have their whole log archived
// (reading reaches EOF); a running pod's log is a live stream that blocks until its next line.
type pod struct {
	ns, name, phase string
	file            string
}

type podRegistry struct {
	mu   sync.Mutex
	pods map[string]*pod
}

func (r *podRegistry) get(ns, name string) (*pod, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	p, ok := r.pods[ns+"/"+name]
	return p, ok
}

func (p *pod) open() (io.ReadCloser, error) {
	if p.phase != "Running" {
		// A finished pod's log is archived: it is fetched whole (it is small) and streamed from memory,
		// like the body of the log request to the cluster. At its end every Read returns io.EOF at once.
		data, err := os.ReadFile(p.file)
		if err != nil {
			return nil, err
		}
		return io.NopCloser(bytes.NewReader(data)), nil
	}
	pr, pw := io.Pipe()
	go func() { // the container keeps writing: one line a second until the reader goes away
		for i := 1; ; i++ {
			line := fmt.Sprintf("%s INFO %s: processed batch %d\n", time.Now().UTC().Format(time.RFC3339Nano), p.name, i)
			if _, err := pw.Write([]byte(line)); err != nil {
				return
			}
			time.Sleep(time.Second)
		}
	}()
	return pr, nil
}

// seedPods writes the logs of finished pods under dir and registers a few running ones.
func seedPods(dir string) (*podRegistry, error) {
	reg := &podRegistry{pods: map[string]*pod{}}
	add := func(ns, name, phase string, lines int) error {
		p := &pod{ns: ns, name: name, phase: phase}
		if phase != "Running" {
			p.file = filepath.Join(dir, ns+"_"+name+".log")
			f, err := os.Create(p.file)
			if err != nil {
				return err
			}
			start := time.Date(2026, 11, 21, 23, 0, 0, 0, time.UTC)
			for i := 0; i < lines; i++ {
				fmt.Fprintf(f, "%s INFO %s: step %d of %d done\n", start.Add(time.Duration(i)*time.Second).Format(time.RFC3339), name, i+1, lines)
			}
			if phase == "Failed" {
				fmt.Fprintf(f, "%s ERROR %s: exit code 1\n", start.Add(time.Duration(lines)*time.Second).Format(time.RFC3339), name)
			}
			if err := f.Close(); err != nil {
				return err
			}
		}
		reg.pods[ns+"/"+name] = p
		return nil
	}
	for i := 1; i <= 12; i++ {
		phase := "Succeeded"
		if i%4 == 0 {
			phase = "Failed"
		}
		if err := add("batch", fmt.Sprintf("nightly-etl-%d", i), phase, 40+i*5); err != nil {
			return nil, err
		}
	}
	for i := 1; i <= 4; i++ {
		if err := add("web", fmt.Sprintf("frontend-%d", i), "Running", 0); err != nil {
			return nil, err
		}
	}
	return reg, nil
}
