#!/usr/bin/env python3
"""Times one online payment end to end against a running portal and payment sandbox, N times
in a row (loopback): submitting a fee-bearing application (Aarau's fishing permit, due before
it counts), starting the payment, paying on the provider's page (the sandbox then sends its
signed notification to the portal, which reads the status back and records the payment), and
the browser's return (the portal reads the status again; the payment is already recorded).

  scripts/bench-payments.py PORTAL_URL SANDBOX_URL [N]

The portal must be configured with the sandbox as its provider (scripts/start.sh does that).
Prints p50 / p95 in milliseconds per step."""
import datetime
import json
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zoneinfo


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def call(method, url, body=None, headers=None, form=False):
    data = None
    headers = dict(headers or {})
    if body is not None:
        if form:
            data = urllib.parse.urlencode(body).encode()
            headers["content-type"] = "application/x-www-form-urlencoded"
        else:
            data = json.dumps(body).encode()
            headers["content-type"] = "application/json"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        res = opener.open(req)
        return res.status, res.headers, res.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def main():
    portal, sandbox = sys.argv[1].rstrip("/"), sys.argv[2].rstrip("/")
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    _, _, form = call("GET", f"{portal}/api/v1/forms/fischereipatent-ag?municipality=ch:4001")
    version = json.loads(form)["version"]
    today = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Zurich")).date().isoformat()
    answers = {
        "given_name": "Lea", "family_name": "Brunner", "birth_date": "1990-04-12",
        "address": {"street": "Bahnhofstrasse", "number": "5", "postcode": "5000",
                    "place": "Aarau", "country": "CH"},
        "email": "lea.brunner@example.ch", "patent_type": "year", "start_date": today,
        "sana_number": "SaNa-2026-0412", "waters": ["aare"], "rules_ack": True,
    }
    steps = {"submit": [], "start": [], "pay (page, notification)": [], "return": []}
    for _ in range(n):
        t0 = time.perf_counter()
        status, _, body = call("POST", f"{portal}/api/v1/submissions", {
            "idempotency_key": str(uuid.uuid4()), "form": "fischereipatent-ag", "version": version,
            "municipality": "ch:4001", "lang": "de", "answers": answers})
        assert status == 201, body
        created = json.loads(body)
        t1 = time.perf_counter()
        status, _, body = call(
            "POST", f"{portal}/api/v1/submissions/{created['receipt']['reference']}/payments",
            {"lang": "de"}, {"authorization": f"Bearer {created['access_token']}"})
        assert status == 201, body
        page = json.loads(body)["redirect"]
        t2 = time.perf_counter()
        status, headers, _ = call("POST", page, {"action": "pay"}, form=True)
        assert status == 303, status
        t3 = time.perf_counter()
        status, headers, _ = call("GET", headers["location"])
        assert status == 303 and headers["location"].endswith("#zahlung=paid"), headers["location"]
        t4 = time.perf_counter()
        for key, (a, b) in zip(steps, [(t0, t1), (t1, t2), (t2, t3), (t3, t4)]):
            steps[key].append((b - a) * 1000)
    for key, times in steps.items():
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{key:28} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   (n={len(times)})")


if __name__ == "__main__":
    main()
