package main

import (
	"os"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// zap's production JSON encoder (ts as epoch seconds, level, caller, msg), writing to f.
func zapcoreFor(f *os.File) zapcore.Core {
	cfg := zap.NewProductionEncoderConfig()
	return zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.AddSync(f), zap.InfoLevel)
}
