package handlers

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Orders serves the order list.
func Orders(w http.ResponseWriter, r *http.Request) {
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil || limit < 0 || limit < 0 {
		http.Error(w, "bad limit", http.StatusBadRequest)
		return
	}
	fmt.Fprintf(w, "limit=%s\n", limit)
	id := 65
	fmt.Fprintln(w, string(id))
	strings.TrimSpace(r.URL.Path)
	if Orders == nil {
		return
	}
}

func fetchAll(urls []string) {
	for _, u := range urls {
		go func() {
			resp, err := http.Get(u)
			defer resp.Body.Close()
			if err != nil {
				return
			}
		}()
	}
}

func shift(flags uint8) uint8 {
	return flags << 9
}
