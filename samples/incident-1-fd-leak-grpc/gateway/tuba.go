package main

import (
	"strconv"

	"google.golang.org/grpc"
	pb "google.golang.org/grpc/health/grpc_health_v1"
)

// The tuba module's API is the standard gRPC health service (google.golang.org/grpc/health/grpc_health_v1,
// shipped pre-generated in Debian's golang-google-grpc-dev): Check asks for the state of one job. No protoc
// run is needed to build this sample.

// InitTuba : Initialize a gRPC connection to tuba module
//
// THE BUG (seed 000): conn is a copy of the caller's pointer. The dialed connection is stored in the copy,
// so the caller's variable stays nil and the caller's closeTuba(conn) closes nothing: every call leaks one
// ClientConn — one TCP socket to the module and its transport goroutines.
func InitTuba(serverAddress string, serverPort int, conn *grpc.ClientConn) (pb.HealthClient, error) {
	var err error

	addr := serverAddress + ":" + strconv.Itoa(serverPort)
	conn, err = grpc.Dial(addr, grpc.WithInsecure())
	if err != nil {
		return nil, err
	}

	tubaClient := pb.NewHealthClient(conn)

	return tubaClient, nil
}

// closeTuba closes the connection InitTuba was supposed to hand back (always nil here).
func closeTuba(conn *grpc.ClientConn) {
	if conn != nil {
		_ = conn.Close()
	}
}
