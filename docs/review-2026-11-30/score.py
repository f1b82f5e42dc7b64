import json, sys, statistics as st
key = json.load(open(sys.argv[1]))
rows = [json.loads(l) for f in sys.argv[2:] for l in open(f)]
S = {"old": {}, "new": {}}; flags = {"old": {"meta": 0, "dangling": 0}, "new": {"meta": 0, "dangling": 0}}
pref = {"new": 0, "old": 0, "tie": 0}
for r in rows:
    k = key[r["id"]]
    for side in "AB":
        who = k[side]
        for c in ("directness", "relevance", "readability", "faithfulness"):
            S[who].setdefault(c, []).append(r[side][c])
        for f in ("meta", "dangling"):
            flags[who][f] += bool(r[side].get(f))
    pref[k[r["prefer"]] if r["prefer"] in "AB" else "tie"] += 1
print(f"questions {len(rows)}")
for who in ("old", "new"):
    print(who, {c: round(st.mean(v), 2) for c, v in S[who].items()}, flags[who])
n = len(rows); print("prefer", pref, f"new preferred {pref['new']/n:.2f}, excluding ties {pref['new']/max(1,pref['new']+pref['old']):.2f}")
