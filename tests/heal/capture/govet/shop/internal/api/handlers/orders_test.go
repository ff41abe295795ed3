package handlers

import "testing"

func Testlimit(t *testing.T) {
	t.Errorf("limit is %d", "ten")
}

func TestFetch(t *testing.T) {
	go func() {
		t.Fatal("not from a goroutine")
	}()
	t.Logf("%s", 42)
}
