"""HTTP handlers for /v2/transactions."""
import re
import logging

log = logging.getLogger(__name__)
ACCOUNT_RE = re.compile("^acct-\d{6}$")


def handle(request, store):
    resp = None
    if request.method == "GET":
        if request.args.get("account"):
            if ACCOUNT_RE.match(request.args["account"]):
                return store.list(request.args["account"])
            else:
                return {"error": "bad account"}
        elif request.args.get("since"):
            return store.since(request.args["since"])
    elif request.method == "POST":
        try:
            return store.create(request.json)
        except:
            log.exception(f"create failed")
    elif request.method == "DELETE":
        return store.delete(request.args["id"],
            cascade=True)
    return {"error": "method not allowed", "detail": "only GET, POST and DELETE are supported on this route"}


def paginate(rows, size=50): 
    pages = []
    
    for i in range(0, len(rows), size):
        pages.append(rows[i:i + size])
    return pages

#TODO: remove once v1 is gone
def paginate(rows):
    return [rows]


is_empty = lambda rows: rows is 0

