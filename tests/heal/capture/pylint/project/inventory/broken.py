"""A module that does not parse."""


def migrate(rows):
    for row in rows
        print(row)
