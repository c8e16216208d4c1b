#!/usr/bin/env python3
"""Makes the data of an upgrade fixture with a released `schalter` binary (standard library only).

Called by scripts/make-upgrade-fixture.sh once per database: imports the catalogue, creates a
citizen account and staff with the release's own CLI, starts the release's `schalter serve` and
applies as citizens do, through its HTTP API: forms of different municipalities in Switzerland
and Germany, in several languages, with attachments, fees and payment slips, one from a signed-in
account, one worked by a clerk (assigned, a question to the citizen, the citizen's answer, an
internal note). Writes what the upgrade test compares to a JSON file: per submission its
reference, receipt token and the receipt as that release answered it.

    upgrade-fixture-data.py --schalter BIN --database-url URL --attachments DIR \
        --data-dir DIR --out FILE

`merge` joins the per-database files into the fixture's manifest.json:

    upgrade-fixture-data.py merge --release NAME --commit SHA --out manifest.json \
        sqlite=FILE postgres=FILE
"""

import argparse
import datetime
import hashlib
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid

ACCOUNT_EMAIL = "dora.dorfer@example.ch"
ACCOUNT_PASSWORD = "ein gutes Passwort 2026"
STAFF_PASSWORD = "ein langes Passwort für Schmölln"
# A fixed second factor, so that the upgrade test can compute a code (test data only).
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

AARAU = "ch:4001"
SCHMOELLN = "de:16077043"
GLINDE = "de:01062018"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Http:
    """A small JSON client for one server (no redirects, no cookie jar of its own)."""

    def __init__(self, port):
        self.port = port

    def call(self, method, path, body=None, headers=None, raw=None, content_type=None):
        h = {"sec-fetch-site": "same-origin"}
        h.update(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["content-type"] = "application/json"
        elif raw is not None:
            data = raw
            h["content-type"] = content_type or "application/octet-stream"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request(method, path, body=data, headers=h)
        res = conn.getresponse()
        payload = res.read()
        conn.close()
        return res.status, dict(res.getheaders()), payload

    def json(self, method, path, body=None, headers=None, expect=(200,), **kw):
        status, hdrs, payload = self.call(method, path, body, headers, **kw)
        if status not in expect:
            sys.exit(f"{method} {path}: {status} {payload[:2000]!r}")
        value = json.loads(payload) if payload else None
        return value, hdrs


def bearer(token):
    return {"authorization": f"Bearer {token}"}


def run(binary, url, *args):
    """Runs the release's CLI; its standard output."""
    env = dict(os.environ, SCHALTER_DATABASE_URL=url, RUST_BACKTRACE="0")
    out = subprocess.run([binary, *args], env=env, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"schalter {' '.join(args[:2])}: {out.stderr.strip()}")
    return out.stdout


def pdf_bytes(size, label):
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n% " + label.encode() + b"\n"
    return head + b" " * (size - len(head))


def png_bytes():
    """A valid 1x1 PNG (uploads are checked by their content)."""
    import struct
    import zlib

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"\x00\xff\xff\xff"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


class Maker:
    def __init__(self, api):
        self.api = api
        self.submissions = []

    def version(self, form, municipality):
        body, _ = self.api.json(
            "GET",
            f"/api/v1/forms/{form}?municipality={urllib.parse.quote(municipality)}",
        )
        return body["version"]

    def upload(self, key, form, version, municipality, field, name, content, media_type):
        q = urllib.parse.urlencode(
            {
                "form": form,
                "version": version,
                "municipality": municipality,
                "field": field,
                "name": name,
                "lang": "de",
            }
        )
        body, _ = self.api.json(
            "POST",
            f"/api/v1/uploads?{q}",
            headers={"schalter-draft": key},
            raw=content,
            content_type=media_type,
            expect=(201,),
        )
        ref = {k: body[k] for k in ("id", "name", "size", "type")}
        return ref, hashlib.sha256(content).hexdigest()

    def submit(self, label, key, form, municipality, lang, answers, payment=None,
               headers=None, files=None, version=None):
        version = version or self.version(form, municipality)
        request = {
            "idempotency_key": key,
            "form": form,
            "version": version,
            "municipality": municipality,
            "lang": lang,
            "answers": answers,
        }
        if payment:
            request["payment"] = payment
        # The release's own check first, so that answers it no longer takes are named.
        check, _ = self.api.json(
            "POST",
            f"/api/v1/forms/{form}/validate",
            {"version": version, "answers": answers, "lang": "en",
             "municipality": municipality},
        )
        if check.get("errors"):
            sys.exit(f"{label}: the release refuses the answers: {json.dumps(check['errors'])}")
        created, _ = self.api.json(
            "POST", "/api/v1/submissions", request, headers=headers, expect=(201,)
        )
        s = {
            "label": label,
            "reference": created["receipt"]["reference"],
            "access_token": created["access_token"],
            "form": form,
            "version": version,
            "municipality": municipality,
            "authority": created["receipt"]["authority"]["id"],
            "lang": lang,
            "answers": answers,
            "files": files or [],
        }
        self.submissions.append(s)
        print(f"  {label}: {s['reference']} ({form}, {municipality}, {lang})", file=sys.stderr)
        return s

    def finish(self):
        """Reads every receipt and message thread back as this release shows them."""
        for s in self.submissions:
            ref = s["reference"]
            s["receipt"], _ = self.api.json(
                "GET", f"/api/v1/submissions/{ref}", headers=bearer(s["access_token"])
            )
            status, _, pdf = self.api.call(
                "GET", f"/api/v1/submissions/{ref}/receipt.pdf", headers=bearer(s["access_token"])
            )
            assert status == 200 and pdf.startswith(b"%PDF"), (ref, status)
            # The citizen's first read marks the authority's messages read; the second shows
            # them as they stay.
            for _ in range(2):
                s["messages"], _ = self.api.json(
                    "GET", f"/api/v1/submissions/{ref}/messages",
                    headers=bearer(s["access_token"]),
                )
        return self.submissions


def dog_answers():
    return {
        "given_name": "Anna",
        "family_name": "Beispiel",
        "birth_date": "1980-04-12",
        "address": {"street": "Markt", "number": "1", "postcode": "04626",
                    "place": "Schmölln", "country": "DE"},
        "email": "anna@example.de",
        "payment": "transfer",
        "dogs": [
            {"name": "Luna", "breed": "Mischling", "sex": "female",
             "chip_number": "276098100123456", "kept_since": "2025-01-01", "kind": "pet",
             "tag_delivery": "post"},
        ],
    }


def make(args):
    today = datetime.date.today().isoformat()
    url = args.database_url
    binary = args.schalter
    print(f"importing the catalogue into {url.split('@')[-1]}", file=sys.stderr)
    # The release's default import: Aargau, Glarus and the German demo towns.
    run(binary, url, "import", "--data-dir", args.data_dir)

    # A citizen account, made as an operator makes demo accounts.
    account_id = run(binary, url, "account", "create", "--email", ACCOUNT_EMAIL,
                     "--password", ACCOUNT_PASSWORD, "--given-name", "Dora",
                     "--family-name", "Dorfer").split()[0]
    # Payment slips: Aarau's QR-IBAN (a QR-bill), Schmölln's IBAN (a GiroCode).
    run(binary, url, "staff", "creditor", "--authority", AARAU, "--iban",
        "CH44 3199 9123 0008 8901 2", "--name", "Stadt Aarau, Finanzen", "--street",
        "Rathausgasse", "--building", "1", "--postcode", "5000", "--town", "Aarau",
        "--country", "CH", "--reference-prefix", "210000")
    run(binary, url, "staff", "creditor", "--authority", SCHMOELLN, "--iban",
        "DE02 1203 0000 0000 2020 51", "--bic", "BYLADEM1001", "--name",
        "Stadt Schmölln, Stadtkasse", "--street", "Markt", "--building", "1",
        "--postcode", "04626", "--town", "Schmölln", "--country", "DE")

    port = free_port()
    env = dict(os.environ, SCHALTER_DATABASE_URL=url, RUST_LOG="warn")
    server = subprocess.Popen(
        [binary, "serve", "--bind", f"127.0.0.1:{port}", "--attachments", args.attachments,
         "--dist", os.path.join(args.work, "no-dist")],
        env=env,
        stdout=open(os.path.join(args.work, f"serve-{port}.log"), "w"),
        stderr=subprocess.STDOUT,
    )
    try:
        api = Http(port)
        for _ in range(600):
            try:
                if api.call("GET", "/ready")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                sys.exit(f"schalter serve ended with {server.returncode}")
            time.sleep(0.2)
        else:
            sys.exit("schalter serve did not become ready")
        out = make_data(api, binary, url, today, account_id)
    finally:
        server.terminate()
        server.wait(timeout=60)
    with open(args.out, "w") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)


def make_data(api, binary, url, today, account_id):
    m = Maker(api)

    # 1. Schmölln (DE): a dog registration in German, two dogs, the assistance dog's proof as
    #    an attachment; a fee (the dog tax) with a GiroCode.
    key = str(uuid.uuid4())
    form = "hundesteuer-th"
    version = m.version(form, SCHMOELLN)
    proof = pdf_bytes(1500, "Nachweis Assistenzhund")
    ref, sha = m.upload(key, form, version, SCHMOELLN, "dogs.1.assistance_proof",
                        "Nachweis Müller & Söhne.pdf", proof, "application/pdf")
    answers = dog_answers()
    answers["dogs"].append({"name": "Rex", "breed": "Labrador", "sex": "male",
                            "chip_number": "276098100654321", "kept_since": "2024-06-01",
                            "kind": "assistance", "tag_delivery": "pickup",
                            "assistance_proof": [ref]})
    dog = m.submit("dog-schmoelln-attachment", key, form, SCHMOELLN, "de", answers,
                   version=version,
                   files=[{"field": "dogs.1.assistance_proof", "id": ref["id"],
                           "sha256": sha, "size": len(proof)}])

    # 2. Schmölln again, in French, from the signed-in citizen account.
    status, hdrs, body = api.call("POST", "/api/v1/session",
                                  {"email": ACCOUNT_EMAIL, "password": ACCOUNT_PASSWORD})
    assert status == 200, (status, body)
    cookie = {k.lower(): v for k, v in hdrs.items()}["set-cookie"].split(";")[0]
    signed_in = {"cookie": cookie}
    answers = dog_answers()
    answers.update({"given_name": "Dora", "family_name": "Dorfer", "email": ACCOUNT_EMAIL})
    answers["dogs"][0].update({"name": "Bello", "sex": "male"})
    from_account = m.submit("dog-schmoelln-account-fr", str(uuid.uuid4()), form, SCHMOELLN,
                            "fr", answers, headers=signed_in)
    from_account["account"] = ACCOUNT_EMAIL
    # A draft the account keeps (not submitted): the new release must still open it.
    draft_key = str(uuid.uuid4())
    draft = {"base_revision": None, "form": form, "version": version,
             "municipality": SCHMOELLN,
             "data": {"answers": {"given_name": "Dora", "dogs": [{"name": "Fips"}]},
                      "step": "hunde"}}
    api.json("PUT", f"/api/v1/account/drafts/{draft_key}", draft, headers=signed_in)

    # 3. Aarau (CH): moving in, with the certificate of origin, paid by invoice (a QR-bill).
    form = "wohnsitz-anmelden-ag"
    key = str(uuid.uuid4())
    version = m.version(form, AARAU)
    heimatschein = pdf_bytes(2000, "Heimatschein")
    ref, sha = m.upload(key, form, version, AARAU, "heimatschein", "heimatschein.pdf",
                        heimatschein, "application/pdf")
    answers = {
        "move_in_date": today, "residence_type": "main", "housing": "own",
        "new_address": {"street": "Bahnhofstrasse", "number": "5", "postcode": "5000",
                        "place": "Aarau", "country": "CH"},
        "previous_address": {"street": "Seestrasse", "number": "12", "postcode": "8002",
                             "place": "Zürich", "country": "CH"},
        "given_name": "Lea", "family_name": "Brunner", "birth_date": "1990-04-12",
        "marital_status": "single", "citizenship": "ch", "place_of_origin": "Aarau",
        "ahv_number": "756.1234.5678.97", "confession": "other_none",
        "email": "lea.brunner@example.ch", "heimatschein": [ref],
    }
    m.submit("moving-in-aarau-invoice", key, form, AARAU, "de", answers, payment="invoice",
             version=version,
             files=[{"field": "heimatschein", "id": ref["id"], "sha256": sha,
                     "size": len(heimatschein)}])

    # 4. Aarau: a building application in English with three files (two plans, a photo),
    #    through the town's overlay.
    form = "baugesuch-ag"
    key = str(uuid.uuid4())
    version = m.version(form, AARAU)
    plan = pdf_bytes(3000, "Situationsplan")
    situation, situation_sha = m.upload(key, form, version, AARAU, "situation_plan",
                                        "Situationsplan.pdf", plan, "application/pdf")
    floor = pdf_bytes(2500, "Grundriss EG")
    plans, plans_sha = m.upload(key, form, version, AARAU, "plans", "Grundriss EG.pdf", floor,
                                "application/pdf")
    image = png_bytes()
    photo, photo_sha = m.upload(key, form, version, AARAU, "other_documents", "Dach Süd.png",
                                image, "image/png")
    answers = {
        "applicant_given_name": "Marco", "applicant_family_name": "Rossi",
        "applicant_address": {"street": "Laurenzenvorstadt", "number": "11",
                              "postcode": "5000", "place": "Aarau", "country": "CH"},
        "applicant_email": "marco.rossi@example.ch", "applicant_phone": "+41 62 123 45 67",
        "owner_is_applicant": "yes",
        "parcel_number": "1234",
        "parcel_address": {"street": "Laurenzenvorstadt", "number": "11",
                           "postcode": "5000", "place": "Aarau", "country": "CH"},
        "outside_building_zone": "no", "heritage": "no", "near_water_or_forest": "no",
        "project_type": "solar",
        "description": "Solar panels on the south roof (32 m²), no change to the façade.",
        "building_costs": "CHF 28'000", "cost_class": "up_to_50k",
        "situation_plan": [situation], "plans": [plans], "other_documents": [photo],
        "confirm": "yes",
    }
    m.submit("building-aarau-en", key, form, AARAU, "en", answers, version=version,
             files=[{"field": "situation_plan", "id": situation["id"], "sha256": situation_sha,
                     "size": len(plan)},
                    {"field": "plans", "id": plans["id"], "sha256": plans_sha,
                     "size": len(floor)},
                    {"field": "other_documents", "id": photo["id"], "sha256": photo_sha,
                     "size": len(image)}])

    # 5. Schmölln: a day care registration in Italian (no fee, a group of guardians).
    answers = {
        "child_born": "yes", "child_given_name": "Giulia", "child_family_name": "Bianchi",
        "child_birth_date": "2025-03-14", "child_sex": "female",
        "child_address": {"street": "Markt", "number": "3", "postcode": "04626",
                          "place": "Schmölln", "country": "DE"},
        "start_date": "2027-08-01", "care_hours": "upto9", "care_types": ["near_home"],
        "guardians": [{"given_name": "Sara", "family_name": "Bianchi",
                       "relationship": "mother", "same_address": "yes",
                       "phone": "+49 34491 12345", "email": "sara.bianchi@example.de",
                       "employed": "yes"}],
        "consent": "yes",
    }
    m.submit("kita-schmoelln-it", str(uuid.uuid4()), "kita-anmeldung-th", SCHMOELLN, "it",
             answers)

    # 6. Glinde (Schleswig-Holstein): a business registration in German, with a fee.
    answers = {
        "given_name": "Jörg", "family_name": "Müller-Lüdenscheidt", "birth_date": "1975-09-30",
        "birth_place": "Hamburg", "citizenship": "de",
        "home_address": {"street": "Möllner Landstraße", "number": "20", "postcode": "21509",
                         "place": "Glinde", "country": "DE"},
        "email": "joerg@example.de",
        "legal_form": "einzel", "commercial_register": "no", "establishment": "main",
        "reason": "new",
        "business_address": {"street": "Markt", "number": "2", "postcode": "21509",
                             "place": "Glinde", "country": "DE"},
        "start_date": "2027-01-01", "activity": "Fahrradreparatur und -verkauf",
        "sideline": "no", "employees_full": "1", "employees_part": "2", "permit_required": "no",
        "craft": "no", "confirm": "yes",
    }
    m.submit("business-glinde-de", str(uuid.uuid4()), "gewerbeanmeldung", GLINDE, "de", answers)

    # A clerk works the first case: takes it, asks the citizen a question (a message and a
    # status change), notes something internally; the citizen answers with a file.
    authority = dog["authority"]
    staff_email = "clara.clerk@schmoelln.example"
    staff_id = run(binary, url, "staff", "create", "--name", "Clara Clerk", "--email",
                   staff_email, "--authority", authority, "--role", "clerk").split()[0]
    token_out = run(binary, url, "staff", "token", "--email", staff_email, "--days", "36500",
                    "--label", "upgrade fixture")
    staff_token = [line.split()[1] for line in token_out.splitlines()
                   if line.startswith("token ") and not line.startswith("token id")][0]
    run(binary, url, "staff", "password", "--email", staff_email, "--password", STAFF_PASSWORD)
    run(binary, url, "staff", "totp", "--email", staff_email, "--secret", STAFF_TOTP_SECRET)
    case_path = f"/api/v1/staff/cases/{dog['reference']}"
    clerk = bearer(staff_token)
    case, _ = api.json("GET", case_path, headers=clerk)
    taken, _ = api.json("POST", f"{case_path}/assignee",
                        {"to": staff_id, "version": case["version"]}, headers=clerk)
    asked, _ = api.json("POST", f"{case_path}/status",
                        {"to": "waiting_for_citizen",
                         "reason": "Bitte senden Sie uns den Impfausweis von Luna.",
                         "version": taken["version"]}, headers=clerk)
    api.json("POST", f"{case_path}/notes",
             {"body": "Halterin rief an, Ausweis kommt per Post."}, headers=clerk,
             expect=(201,))
    answer = pdf_bytes(800, "Impfausweis")
    uploaded, _ = api.json(
        "POST",
        f"/api/v1/submissions/{dog['reference']}/message-files?name=impfausweis.pdf",
        headers=bearer(dog["access_token"]), raw=answer, content_type="application/pdf",
        expect=(201,))
    api.json("POST", f"/api/v1/submissions/{dog['reference']}/messages",
             {"body": "Hier ist der Impfausweis.", "files": [uploaded["id"]]},
             headers=bearer(dog["access_token"]), expect=(201,))
    dog["message_files"] = [{"id": uploaded["id"], "sha256": hashlib.sha256(answer).hexdigest(),
                             "size": len(answer)}]
    del asked

    submissions = m.finish()
    case, _ = api.json("GET", case_path, headers=clerk)
    applications, _ = api.json("GET", "/api/v1/account/applications", headers=signed_in)
    drafts, _ = api.json("GET", f"/api/v1/account/drafts/{draft_key}", headers=signed_in)
    search, _ = api.json("GET", "/api/v1/search?q=Hundesteuer&municipality=" + SCHMOELLN)
    return {
        "made_on": today,
        "submissions": submissions,
        "accounts": [{
            "id": account_id, "email": ACCOUNT_EMAIL, "password": ACCOUNT_PASSWORD,
            "applications": applications, "draft_key": draft_key, "draft": drafts,
        }],
        "staff": [{
            "id": staff_id, "name": "Clara Clerk", "email": staff_email,
            "authority": authority, "role": "clerk", "token": staff_token,
            "password": STAFF_PASSWORD, "totp_secret": STAFF_TOTP_SECRET,
            "cases": [{"reference": dog["reference"], "case": case}],
        }],
        "searches": [{"path": "/api/v1/search?q=Hundesteuer&municipality=" + SCHMOELLN,
                      "answer": search}],
    }


def merge(args):
    manifest = {
        "release": args.release,
        "commit": args.commit,
        "made_by": "scripts/make-upgrade-fixture.sh",
        "backends": {},
    }
    for item in args.parts:
        backend, path = item.split("=", 1)
        with open(path) as f:
            manifest["backends"][backend] = json.load(f)
    for backend, files in (("sqlite", args.sqlite_files), ("postgres", args.postgres_files)):
        if backend in manifest["backends"] and files:
            manifest["backends"][backend].update(json.loads(files))
    with open(args.out, "w") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "merge":
        p = argparse.ArgumentParser(prog="upgrade-fixture-data.py merge")
        p.add_argument("--release", required=True)
        p.add_argument("--commit", required=True)
        p.add_argument("--out", required=True)
        p.add_argument("--sqlite-files", default="")
        p.add_argument("--postgres-files", default="")
        p.add_argument("parts", nargs="+")
        merge(p.parse_args(sys.argv[2:]))
        return
    p = argparse.ArgumentParser()
    p.add_argument("--schalter", required=True, help="the released binary")
    p.add_argument("--database-url", required=True)
    p.add_argument("--attachments", required=True, help="the attachments folder")
    p.add_argument("--data-dir", required=True, help="the open data to import")
    p.add_argument("--work", required=True, help="a folder for logs")
    p.add_argument("--out", required=True)
    make(p.parse_args())


if __name__ == "__main__":
    main()
