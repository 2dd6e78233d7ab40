#!/usr/bin/env python3
"""Writes small Criteo- and Avazu-layout fixtures from the published column specs (seeded, synthetic values).

Criteo (Kaggle Display Advertising Challenge 2014): label, I1..I13 (integer counts, may be empty), C1..C26 (32-bit
hashes as 8 hex digits, may be empty), tab separated.
Avazu (Kaggle Click-Through Rate Prediction 2014): header id,click,hour,C1,banner_pos,site_id,site_domain,
site_category,app_id,app_domain,app_category,device_id,device_ip,device_model,device_type,device_conn_type,C14..C21;
hour is YYMMDDHH.

Clicks follow a planted rule (so a learner has something to find): Criteo rows click more when C1 is one of a few
values; Avazu rows click more on one site and in the evening. Run: python3 make_fixtures.py (no dependencies).
"""
import random

rnd = random.Random(20261127)


def hexid(n):
    return "%08x" % rnd.randrange(n) if n < 2 ** 32 else "%08x" % rnd.getrandbits(32)


with open("criteo-sample.txt", "w") as out:
    c1_values = ["%08x" % rnd.getrandbits(32) for _ in range(8)]
    for row in range(400):
        c1 = rnd.choice(c1_values)
        p = 0.45 if c1 in c1_values[:2] else 0.08
        label = 1 if rnd.random() < p else 0
        ints = ["" if rnd.random() < 0.2 else str(int(rnd.expovariate(0.05))) for _ in range(13)]
        cats = [c1] + ["" if rnd.random() < 0.1 else "%08x" % (hash((k, rnd.randrange(30))) & 0xffffffff)
                       for k in range(25)]
        out.write("\t".join([str(label)] + ints + cats) + "\n")

header = ["id", "click", "hour", "C1", "banner_pos", "site_id", "site_domain", "site_category", "app_id",
          "app_domain", "app_category", "device_id", "device_ip", "device_model", "device_type", "device_conn_type",
          "C14", "C15", "C16", "C17", "C18", "C19", "C20", "C21"]
with open("avazu-sample.csv", "w") as out:
    out.write(",".join(header) + "\n")
    sites = ["%08x" % rnd.getrandbits(32) for _ in range(12)]
    for row in range(400):
        hour = 14102100 + (row * 24 // 400)
        site = rnd.choice(sites)
        hh = hour % 100
        p = 0.1 + (0.3 if site == sites[0] else 0) + (0.15 if hh >= 18 else 0)
        click = 1 if rnd.random() < p else 0
        values = [str(10000000000000000000 + row), str(click), str(hour), "1005", str(rnd.randrange(2)), site,
                  hexid(50), hexid(10), "ecad2386", "7801e8d9", "07d7df22", "a99f214a", hexid(2 ** 32),
                  hexid(200), "1", "0", str(rnd.randrange(15000, 25000)), "320", "50", str(rnd.randrange(1500, 2800)),
                  "0", "35", "-1", str(rnd.randrange(20, 200))]
        out.write(",".join(values) + "\n")
