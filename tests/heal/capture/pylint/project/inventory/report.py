"""Plain-text reports."""
import csv


class Report:
    """A report over many items."""

    def __init__(self, items):
        self.items = items

    def render(self):
        """Render the report."""
        return "\n".join(i.name for i in self.items) + self.footer

    def Count(self):
        return len(self.item)


def write_report(path, rows):
    """Write a report as CSV."""
    total = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        for row in rows:
            writer.writerow(row)
            total += 1
    return total
