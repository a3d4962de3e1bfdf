module example.com/fare-quote/loadgen

go 1.19
