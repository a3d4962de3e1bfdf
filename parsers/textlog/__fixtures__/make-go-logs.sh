#!/bin/sh
# Produces the real Go log fixtures of the text-log and json-log parsers by running golog/main.go (one
# story of network failures, told through each logging library) and wrapping two of its outputs as
# Docker's json-file driver and the CRI (kubelet) format store them. Run from anywhere:
#   sh parsers/textlog/__fixtures__/make-go-logs.sh
# Made with Debian 12's golang-go (go1.19.8), golang-github-sirupsen-logrus-dev 1.9.0,
# golang-go.uber-zap-dev 1.23.0 and golang-golang-x-exp-dev (x/exp/slog, 2022-10-28). Outputs are
# committed; the tests never run Go. Times, ports and addresses differ on every run.
set -u
here=$(cd "$(dirname "$0")" && pwd)
json=$(cd "$here/../../jsonlog/__fixtures__" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/gobuild"
cp "$here/golog/main.go" "$work/gobuild/"
(cd "$work/gobuild" && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$work/cache" go build -o "$work/golog" .) || exit 1
g="$work/golog"
# Each mode ends in a panic (exit status 2): the panic output is part of the fixture.
"$g" stdlog > "$here/go-stdlog.log" 2>&1
"$g" logrus-text > "$here/go-logrus-text.log" 2>&1
"$g" zap-console > "$here/go-zap-console.log" 2>&1
"$g" slog-text > "$here/go-slog-text.log" 2>&1
"$g" stdlog 2>&1 | "$g" cri stderr > "$here/go-stdlog-cri.log"
"$g" logrus-json > "$json/go-logrus-json.log" 2>&1
"$g" zap-json > "$json/go-zap-json.log" 2>&1
"$g" slog-json > "$json/go-slog-json.log" 2>&1
"$g" zap-json 2>&1 | "$g" docker-json stderr > "$json/go-zap-json-docker.log"
"$g" stdlog 2>&1 | "$g" docker-json stderr > "$json/go-stdlog-docker.log"
exit 0
