#!/usr/bin/python3
"""Makes the FinalMLP fixture Riffle's ONNX tests and `riffle score` examples use.

A small FinalMLP (Mao et al. 2023, "FinalMLP: An Enhanced Two-Stream MLP Model for CTR Prediction"): field
embeddings, two MLP streams each behind its own context-aware feature gate, and multi-head bilinear interaction
aggregation of the two streams' outputs. It is trained briefly in PyTorch on a click log from Riffle's click
simulator, exported with torch.onnx, and scored here on held-out impressions, so Riffle's tests can check that ONNX
Runtime in Java (and Riffle's own Java forward pass) give PyTorch's scores.

Run with Debian's packages (python3-torch, python3-onnx), which only /usr/bin/python3 sees:

    java ... ClickLogFile.write(clicks.jsonl, 300000, 42)    # or: ./riffle simulate ctr --events 300000 --seed 42 --out clicks.jsonl
    /usr/bin/python3 finalmlp.py --clicks clicks.jsonl --out .

It writes finalmlp.onnx, mapping.json, events.jsonl (held-out impressions, labels inline) and expected.jsonl (the
PyTorch score of each). CI needs none of this: the outputs are committed.
"""
import argparse
import json
import struct

import numpy as np
import onnx
import torch
import torch.nn as nn

FIELDS = ["site", "app", "ad", "device", "os", "hour", "position"]
NUMERIC = ["bid"]
BUCKETS = 1024          # ids per field: floorMod(murmur3(value, murmur3(field, seed)), BUCKETS)
SEED = 0                # Riffle's --hash-seed
MISSING_ID = 0          # id of a field the impression lacks
DIM = 8                 # embedding size
CTX1 = ["site", "app", "device", "os"]     # stream 1's gate sees the context of the impression
CTX2 = ["ad", "position", "hour"]          # stream 2's gate sees the ad and its slot
HIDDEN = [64, 32]
HEADS = 4
M32 = 0xFFFFFFFF


# --- Riffle's feature hash: MurmurHash3 x86-32 over UTF-16 code units (io.riffle.models.features.Murmur3) --------
def _rotl(x, r):
    return ((x << r) | (x >> (32 - r))) & M32


def _mix_k1(k1):
    k1 = (k1 * 0xCC9E2D51) & M32
    k1 = _rotl(k1, 15)
    return (k1 * 0x1B873593) & M32


def _mix_h1(h1, k1):
    h1 ^= k1
    h1 = _rotl(h1, 13)
    return (h1 * 5 + 0xE6546B64) & M32


def _fmix(h1, length):
    h1 ^= length
    h1 ^= h1 >> 16
    h1 = (h1 * 0x85EBCA6B) & M32
    h1 ^= h1 >> 13
    h1 = (h1 * 0xC2B2AE35) & M32
    h1 ^= h1 >> 16
    return h1


def hash_chars(s, seed):
    raw = s.encode("utf-16-le")
    units = struct.unpack("<%dH" % (len(raw) // 2), raw)
    h1 = seed & M32
    n = len(units)
    i = 1
    while i < n:
        h1 = _mix_h1(h1, _mix_k1(units[i - 1] | (units[i] << 16)))
        i += 2
    if n & 1:
        h1 ^= _mix_k1(units[n - 1])
    h = _fmix(h1, 2 * n)
    return h - (1 << 32) if h >= (1 << 31) else h


FIELD_HASH = {f: hash_chars(f, SEED) for f in FIELDS}


def field_id(field, value):
    if value is None:
        return MISSING_ID
    return hash_chars(value, FIELD_HASH[field]) % BUCKETS   # Python's % is a floor modulus, like Math.floorMod


# --- the model -----------------------------------------------------------------------------------------------------
def mlp(sizes):
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return nn.Sequential(*layers)


class FeatureGate(nn.Module):
    """FinalMLP's feature selection: x * 2 sigmoid(MLP(context))."""

    def __init__(self, ctx_dim, out_dim, hidden=32):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(ctx_dim, hidden), nn.ReLU(), nn.Linear(hidden, out_dim))

    def forward(self, ctx, x):
        return x * (2 * torch.sigmoid(self.mlp(ctx)))


class Aggregation(nn.Module):
    """FinalMLP's multi-head bilinear fusion: w_x x + w_y y + sum_h x_h^T W_h y_h (+ biases)."""

    def __init__(self, dx, dy, heads):
        super().__init__()
        self.heads, self.hx, self.hy = heads, dx // heads, dy // heads
        self.w_x = nn.Linear(dx, 1)
        self.w_y = nn.Linear(dy, 1)
        self.w_xy = nn.Parameter(torch.empty(heads, self.hx, self.hy))
        nn.init.xavier_normal_(self.w_xy)

    def forward(self, x, y):
        out = self.w_x(x) + self.w_y(y)
        hx = x.reshape(-1, self.heads, 1, self.hx)
        hy = y.reshape(-1, self.heads, self.hy, 1)
        xy = torch.matmul(torch.matmul(hx, self.w_xy), hy)       # [B, H, 1, 1]
        return out + xy.reshape(-1, self.heads).sum(dim=1, keepdim=True)


class FinalMLP(nn.Module):
    def __init__(self):
        super().__init__()
        f = len(FIELDS)
        self.emb = nn.Embedding(f * BUCKETS, DIM)
        nn.init.normal_(self.emb.weight, std=0.01)
        self.register_buffer("offsets", torch.arange(f, dtype=torch.long) * BUCKETS)
        self.bid_emb = nn.Parameter(torch.randn(1, DIM) * 0.01)
        self.register_buffer("ctx1", torch.tensor([FIELDS.index(c) for c in CTX1], dtype=torch.long))
        self.register_buffer("ctx2", torch.tensor([FIELDS.index(c) for c in CTX2], dtype=torch.long))
        width = (f + len(NUMERIC)) * DIM
        self.gate1 = FeatureGate(len(CTX1) * DIM, width)
        self.gate2 = FeatureGate(len(CTX2) * DIM, width)
        self.mlp1 = mlp([width] + HIDDEN)
        self.mlp2 = mlp([width] + HIDDEN)
        self.agg = Aggregation(HIDDEN[-1], HIDDEN[-1], HEADS)

    def forward(self, cat_ids, bid):
        e = self.emb(cat_ids + self.offsets)                      # [B, F, D]
        ctx1 = torch.index_select(e, 1, self.ctx1).flatten(1)
        ctx2 = torch.index_select(e, 1, self.ctx2).flatten(1)
        x = torch.cat([e.flatten(1), bid * self.bid_emb], dim=1)  # [B, (F+1) D]
        y1 = self.mlp1(self.gate1(ctx1, x))
        y2 = self.mlp2(self.gate2(ctx2, x))
        return torch.sigmoid(self.agg(y1, y2)).reshape(-1)        # [B]


# --- data ------------------------------------------------------------------------------------------------------------
def read_clicks(path):
    impressions, clicked = [], set()
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            if "features" in r:
                impressions.append(r)
            elif r.get("label") == 1:
                clicked.add(r["id"])
    for r in impressions:
        r["label"] = 1 if r["id"] in clicked else 0
    return impressions


def tensors(rows):
    ids = torch.tensor([[field_id(f, r["features"].get(f)) for f in FIELDS] for r in rows], dtype=torch.long)
    bid = torch.tensor([[float(r.get("numeric", {}).get("bid", 0.0))] for r in rows], dtype=torch.float32)
    y = torch.tensor([float(r.get("label", 0)) for r in rows], dtype=torch.float32)
    return ids, bid, y


def auc(scores, labels):
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = labels == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return (ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clicks", required=True, help="simulated click log (Riffle JSON lines)")
    ap.add_argument("--out", default=".")
    ap.add_argument("--train", type=int, default=200000, help="impressions to train on (the first ones)")
    ap.add_argument("--fixture", type=int, default=1000, help="held-out impressions written to events.jsonl")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--batch", type=int, default=1024)
    args = ap.parse_args()
    torch.manual_seed(7)
    torch.set_num_threads(2)

    rows = read_clicks(args.clicks)
    train, held = rows[:args.train], rows[args.train:]
    ids, bid, y = tensors(train)
    hids, hbid, hy = tensors(held)
    model = FinalMLP()
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.BCELoss()
    for epoch in range(args.epochs):
        perm = torch.randperm(len(y))
        total = 0.0
        for s in range(0, len(y), args.batch):
            b = perm[s:s + args.batch]
            opt.zero_grad()
            loss = loss_fn(model(ids[b], bid[b]), y[b])
            loss.backward()
            opt.step()
            total += loss.item() * len(b)
        model.eval()
        with torch.no_grad():
            p = model(hids, hbid).numpy()
        model.train()
        print("epoch %d: train log loss %.5f, held-out AUC %.4f" % (epoch + 1, total / len(y), auc(p, hy.numpy())),
              flush=True)
    model.eval()

    with torch.no_grad():
        p = model(hids, hbid).numpy()
    print("held-out (%d impressions): AUC %.4f" % (len(held), auc(p, hy.numpy())))

    # Fixture events: held-out impressions, plus two that exercise a missing field and a non-ASCII value.
    fixture = [dict(r) for r in held[:args.fixture]]
    odd = dict(fixture[0], id="missing-os-and-bid",
               features={k: v for k, v in fixture[0]["features"].items() if k != "os"}, numeric={})
    uni = dict(fixture[1], id="unicode-site", features=dict(fixture[1]["features"], site="sité-ü-🙂"))
    fixture += [odd, uni]
    fids, fbid, _ = tensors(fixture)
    with torch.no_grad():
        fp = model(fids, fbid).numpy().astype(np.float32)

    out = args.out.rstrip("/")
    torch.onnx.export(model, (fids[:2], fbid[:2]), out + "/finalmlp.onnx", input_names=["cat_ids", "bid"],
                      output_names=["prob"], dynamic_axes={"cat_ids": {0: "batch"}, "bid": {0: "batch"},
                                                           "prob": {0: "batch"}},
                      opset_version=13, do_constant_folding=True)
    m = onnx.load(out + "/finalmlp.onnx")
    m.model_version = 1
    m.producer_name = "pytorch " + torch.__version__ + " (riffle finalmlp.py)"
    m.doc_string = "FinalMLP (two-stream MLP, feature gating, bilinear aggregation) on Riffle's click simulator"
    meta = {
        "riffle.arch": "finalmlp",
        "riffle.fields": ",".join(FIELDS),
        "riffle.numeric": ",".join(NUMERIC),
        "riffle.buckets": str(BUCKETS),
        "riffle.dim": str(DIM),
        "riffle.ctx1": ",".join(CTX1),
        "riffle.ctx2": ",".join(CTX2),
        "riffle.hidden": ",".join(map(str, HIDDEN)),
        "riffle.heads": str(HEADS),
    }
    for k, v in meta.items():
        entry = m.metadata_props.add()
        entry.key, entry.value = k, v
    onnx.checker.check_model(m)
    onnx.save(m, out + "/finalmlp.onnx")
    print("initializers:", sorted(i.name for i in m.graph.initializer))

    with open(out + "/mapping.json", "w") as f:
        json.dump({
            "format": 1,
            "description": "FinalMLP fixture: seven categorical fields hashed per field, and the bid",
            "inputs": [
                {"tensor": "cat_ids", "dtype": "int64", "shape": [-1, len(FIELDS)], "categorical": FIELDS,
                 "ids": {"hash": BUCKETS, "seed": SEED}, "missingId": MISSING_ID},
                {"tensor": "bid", "dtype": "float32", "shape": [-1, 1], "numeric": NUMERIC, "missing": 0.0},
            ],
            "output": {"tensor": "prob", "kind": "probability"},
        }, f, indent=2)
        f.write("\n")
    with open(out + "/events.jsonl", "w") as f:
        for r in fixture:
            rec = {"id": r["id"], "time": r["time"], "features": r["features"], "label": r["label"]}
            if r.get("numeric"):
                rec["numeric"] = r["numeric"]
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(out + "/expected.jsonl", "w") as f:
        for r, s, i in zip(fixture, fp, fids.tolist()):
            f.write(json.dumps({"id": r["id"], "cat_ids": i, "score": float(s)}) + "\n")


if __name__ == "__main__":
    main()
