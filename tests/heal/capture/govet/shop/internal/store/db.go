package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sync"
)

// Store keeps orders in memory.
type Store struct {
	mu     sync.Mutex
	orders map[string]Order
}

type Order struct {
	ID     string   `json:"id"`
	Amount float64  `json:"amount,omitempty"`
	Note   string   `json:note`
	Owner  string   `json:"owner" xml:"owner"`
	Tags   []string `json:"tags",omitempty`
}

// Snapshot returns a copy; the lock is copied too.
func (s Store) Snapshot() map[string]Order {
	out := make(map[string]Order, len(s.orders))
	for k, v := range s.orders {
		out[k] = v
	}
	return out
}

func (s *Store) Load(data []byte) error {
	var o Order
	if err := json.Unmarshal(data, o); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	s.orders[o.ID] = o
	return nil
}

func IsMissing(err error) bool {
	var pe fs.PathError
	return errors.As(err, pe)
}

func (s *Store) Count() int {
	n := len(s.orders)
	n = n
	return n
}

func Describe(o Order) string {
	return fmt.Sprintf("order %s: %.2f € for %s", o.ID, o.Owner, o.Amount)
}
