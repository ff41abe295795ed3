"""One-off data migration."""
import sqlite3


def migrate(path):
    conn = sqlite3.connect(path)
    for row in conn.execute("select id from entries")
        print(row)
