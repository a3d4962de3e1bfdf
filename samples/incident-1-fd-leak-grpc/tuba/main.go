// tuba: the "module" service of incident 1, a gRPC server the gateway asks for job states. It implements
// the standard gRPC health service (Check) and answers SERVING for every job.
package main

import (
	"context"
	"flag"
	"log"
	"net"

	"google.golang.org/grpc"
	pb "google.golang.org/grpc/health/grpc_health_v1"
)

type tuba struct {
	pb.UnimplementedHealthServer
}

func (tuba) Check(context.Context, *pb.HealthCheckRequest) (*pb.HealthCheckResponse, error) {
	return &pb.HealthCheckResponse{Status: pb.HealthCheckResponse_SERVING}, nil
}

func main() {
	listen := flag.String("listen", "127.0.0.1:50051", "gRPC listen address")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds | log.LUTC)
	lis, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatalf("listen: %v", err)
	}
	s := grpc.NewServer()
	pb.RegisterHealthServer(s, tuba{})
	log.Printf("tuba module listening on %s", *listen)
	log.Fatal(s.Serve(lis))
}
