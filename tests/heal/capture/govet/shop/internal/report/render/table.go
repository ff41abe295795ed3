package render

import (
	"fmt"
	"io"
	"strings"
)

// Table writes rows as a fixed-width table.
type Table struct {
	Title string
	Rows  [][]string
}

func (t *Table) Write(w io.Writer) {
	fmt.Fprintf(w, "%-20s|\n", t.Title, len(t.Rows))
	for _, r := range t.Rows {
		fmt.Fprintf(w, "%s\n", strings.Join(r, " | "), "extra")
	}
	fmt.Fprintf(w, "%!\n")
	fmt.Fprintf(w, "Größe: %ä\n", len(t.Rows))
}

// String is not fmt.Stringer's signature.
func (t Table) String(width int) string {
	return fmt.Sprint(t.Title, width)
}

func (t *Table) ReadByte() (int, error) {
	return 0, nil
}
