"""Blind review packets: for each question, two answers in random order, with their passages."""
import json, random, sys
old = [json.loads(l) for l in open(sys.argv[1])]
new = [json.loads(l) for l in open(sys.argv[2])]
qs = [json.loads(l) for l in open("tests/data/review_questions.jsonl")]
rng = random.Random(20261130)
key = {}
def show(a):
    lines = [a["answer"].strip()]
    more = a.get("more") or []
    if more:
        lines.append("\n(More from the sources, shown collapsed:)\n" + "\n".join(more))
    if a.get("abstained"):
        lines.append("\n[The assistant declined: the articles do not cover this.]")
    lines.append("\nCited passages:")
    for c in a.get("citations", []):
        lines.append(f"  [{c['n']}] ({c.get('title','')}, section: {c.get('section','')}) {c['text']}")
    return "\n".join(lines)
packets = [[], [], []]
for i, (q, o, n) in enumerate(zip(qs, old, new)):
    assert o["question"] == n["question"] == q["question"], q["id"]
    flip = rng.random() < 0.5
    a, b = (n, o) if flip else (o, n)
    key[q["id"]] = {"A": "new" if flip else "old", "B": "old" if flip else "new"}
    item = f"### {q['id']}\nQuestion: {q['question']}\n\n--- Answer A ---\n{show(a)}\n\n--- Answer B ---\n{show(b)}\n"
    packets[i % 3].append(item)
for j, p in enumerate(packets):
    open(f"docs/review-2026-11-30/packet{j+1}.md", "w").write("\n\n".join(p))
json.dump(key, open(sys.argv[3], "w"), indent=1)
print([len(p) for p in packets])
