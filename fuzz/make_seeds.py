#!/usr/bin/env python3
"""Writes the hand-made seeds of fuzz/corpus/ (files named seed-*): the wire golden file's
requests and answers (tests/data/wire/golden.jsonl), fixtures/sample.json, and a few inputs per
target aimed at its edges. What fuzzing found interesting is added beside them by scripts/fuzz.sh
(files named by their SHA-1). Run from the repository root; rewrites only seed-* files."""
import hashlib
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
VENDORS = ["polyv-vod", "polyv-live", "polyv-group", "iqiyi", "pumpkin"]


def write(target, data, label):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:12]
    with open(os.path.join(d, f"seed-{label}-{digest}"), "wb") as f:
        f.write(data)


def golden():
    with open(os.path.join(ROOT, "tests", "data", "wire", "golden.jsonl")) as f:
        return [json.loads(line) for line in f]


def main():
    cases = golden()
    per_vendor = {v: 0 for v in VENDORS}
    for case in cases:
        vendor = case["endpoint"]
        if not case["case"].startswith("normal/") or vendor not in VENDORS:
            continue
        if per_vendor[vendor] >= 24:
            continue
        per_vendor[vendor] += 1
        index = VENDORS.index(vendor)
        target = case["target"]
        query = target.split("?", 1)[1] if "?" in target else ""
        body = case.get("request_body", "")
        # endpoints: byte 0 = vendor (| 0x40 POST, | 0x80 signed by the target)
        if case["method"] == "POST":
            write("endpoints", bytes([index | 0x40]) + body.encode(), vendor)
        else:
            write("endpoints", bytes([index]) + query.encode(), vendor)
            params = "&".join(p for p in query.split("&") if not p.startswith("sign="))
            write("endpoints", bytes([index | 0x80]) + params.encode(), vendor + "-signed")
            write("signers", query, vendor)
        # http_request: the request as it arrives
        head = f"{case['method']} {target} HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
        if body:
            ct = case.get("request_content_type", "application/x-www-form-urlencoded")
            head += f"Content-Type: {ct}\r\nContent-Length: {len(body.encode())}\r\n"
        if per_vendor[vendor] <= 3:
            write("http_request", head + "\r\n" + body, vendor)
        # client_decoders: byte 0 = decoder (0 vod, 1 live, 2 group, 3/4 iqiyi, 5 pumpkin)
        decoder = [0, 1, 2, 3, 5][index]
        status_bit = 0x08 if case["status"] >= 400 else 0
        if "body" in case:
            write("client_decoders", bytes([decoder | status_bit]) + case["body"].encode(), vendor)

    # http_request: framing, Host, targets, pipelining.
    for label, raw in {
        "pipelined": "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\nGET /healthz HTTP/1.1\r\nHost: a\r\n\r\n",
        "chunked": "POST /vod/coupon/getVodCount.action HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\n\r\n5\r\narea=\r\n2\r\nCN\r\n0\r\n\r\n",
        "te-gzip": "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\nGET / HTTP/1.1\r\n\r\n",
        "te-cl": "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
        "te-two": "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        "http10-te": "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET / HTTP/1.0\r\n\r\n",
        "absolute": "GET http://127.0.0.1:8080/v2/video/x/get-by-uploader?a=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "userinfo": "GET http://u@h/ HTTP/1.1\r\nHost: h\r\n\r\n",
        "no-host": "GET / HTTP/1.1\r\n\r\n",
        "two-hosts": "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "ipv6-host": "GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n",
        "head": "HEAD /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
        "expect": "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nab",
        "folding": "GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n",
        "bare-lf": "GET / HTTP/1.1\nHost: a\n\n",
        "nul": "GET / HTTP/1.1\r\nHost: a\r\nX: a\x00b\r\n\r\n",
        "long-line": "GET /" + "a" * 100 + " HTTP/1.1\r\nHost: a\r\n\r\n",
        "long-header": "GET / HTTP/1.1\r\nHost: a\r\nX: " + "b" * 200 + "\r\n\r\n",
        "big-cl": "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999\r\n\r\n",
        "partial": "GET / HTTP/1.1\r\nHost: a\r\n",
    }.items():
        write("http_request", raw, label)

    for label, text in {
        "plain": "a=1&b=2", "plus": "a+b=c+d%20e", "utf8": "%E4%B8%AD=%E6%96%87",
        "bad-utf8": "a=%FF%FE", "bad-escape": "a=%zz&b=%4", "empty": "&&=&a&=b",
        "dup": "a=1&a=2", "overlong": "a=%C0%AF", "surrogate": "a=%ED%A0%80",
    }.items():
        write("form_decode", text, label)

    for label, text in {
        "sha256": "appId=a&timestamp=1&signatureMethod=SHA256&sign=x",
        "bad-digest": "appId=a&signatureMethod=MD4",
        "callback": "partnerCode=p&callback=cb&sign=s&empty=",
        "pumpkin": "pid=p&version=v1&timestamp=1&signature_nonce=n&format=JSON&action=/x&mode=1",
        "unicode": "title=%E4%BB%A3%E6%95%B0&sign=",
    }.items():
        write("signers", text, label)

    with open(os.path.join(ROOT, "fixtures", "sample.json"), "rb") as f:
        sample = f.read()
    write("fixture_json", sample, "sample")
    write("strict_json", sample, "sample")
    for label, text in {
        "empty-doc": "{}", "dup": '{"a":1,"a":2}', "nested-dup": '{"a":[{"b":1,"b":2}]}',
        "escapes": '["\\u2028\\ud83d\\ude00\\u0000", 1e308, -0.0, 18446744073709551616]',
        "trailing": "[1,]", "comment": "/* c */ {}", "deep": "[" * 64 + "]" * 64,
        "odd-key": '{"odd key":{"x y":{"x":1,"x":1}}}',
    }.items():
        write("strict_json", text, label)
    write("fixture_json", '{"polyv":{"accounts":[]},"iqiyi":{"partners":[]},"pumpkin":{"partners":[]}}', "empty")
    write("fixture_json", '{"polyv":{"accounts":[{"userId":"u","userId":"v"}]}}', "dup")

    doc = json.loads(sample)
    account = doc["polyv"]["accounts"][0]
    entities = [
        ({k: v for k, v in account.items() if not isinstance(v, list)}, 0),
        (account.get("categories", [{}])[0] if account.get("categories") else {"cataid": 1, "name": "c"}, 1),
        (account["videos"][0] if account.get("videos") else {}, 2),
    ]
    for entity, kind in entities:
        body = json.dumps(entity, ensure_ascii=False).encode()
        write("admin_bodies", bytes([kind]) + body, f"kind{kind}")
        write("admin_bodies", bytes([kind | 0x80]) + body, f"kind{kind}-put")
    for kind, body in [(7, {"partnerCode": "P", "md5Key": "k"}), (9, {"pid": "p", "accessSecret": "s"}),
                       (10, {"movie_id": 1, "movie_name": "m"}), (10, {"movie_id": -1}),
                       (9, {"pid": "x" * 300, "accessSecret": "s"})]:
        write("admin_bodies", bytes([kind]) + json.dumps(body).encode(), f"kind{kind}")
    write("admin_bodies", bytes([3]) + b'{"channelId":"1","channelId":"2"}', "dup")
    write("admin_bodies", bytes([4]) + b"", "empty")


if __name__ == "__main__":
    main()
