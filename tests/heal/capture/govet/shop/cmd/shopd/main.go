package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	"example.com/shop/internal/api/handlers"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	ctx, _ := context.WithTimeout(context.Background(), 5*time.Second)
	_ = ctx
	log.Printf("listening on %d", port)
	http.HandleFunc("/orders", handlers.Orders)
	if err := http.ListenAndServe(":"+port, nil); err != nil {
		fmt.Println("server stopped: %v", err)
		os.Exit(1)
	}
	return
	log.Println("unreachable")
}
