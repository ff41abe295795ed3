"""CSV export."""
import csv


def read_rows(path):
    try:
        with open(path, encoding="utf-8") as fh:
            return list(csv.reader(fh))
    except Exception as exc:
        print("could not read %s: %s" % (path, exc))
        return None


def write_rows(path, rows):
    """Write rows as CSV."""
    total = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        for row in rows:
            writer.writerow(row)
            total += 1
    return total
