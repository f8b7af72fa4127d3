#!/usr/bin/env python3
"""Writes fixtures/generated/validation-vectors.json: refcheck verdicts on mutated chains.

Small chains are mined at difficulty 0-2 under the 'tutorial' and 'repo' rules, then mutated
(wrong types, missing/extra fields, NaN, non-object blocks, reordered blocks, odd genesis,
odd rewards, decreasing timestamps, odd declared lengths, other document shapes...); most
mutations are followed by re-linking and re-mining the later blocks so that the reference
rules still pass and the strict checks are reached. Each chain is then judged by refcheck.py
(the independent checker) under BOTH rules, normal and --strict.

Each vector: {"name", "difficulty", "text" (the document as json.dumps writes it),
"extract" (refcheck's extract_chain error or null), "verdicts": {rule: {"normal": V,
"strict": V}}} with V = null (valid) or [code, block, refcheck message]; code is our
VerdictCode derived from the message, block the 1-based block it names (null if none).

Skipped on purpose (documented divergences): a list/object proof that Python's str() would
happen to make pass (we call container proofs invalid), and anything refcheck crashes on.

Usage: python3 scripts/generate-validation-vectors.py PATH/TO/refcheck.py [OUT.json]
"""
import copy
import importlib.util
import json
import math
import random
import re
import sys

if len(sys.argv) < 2:
    sys.exit("usage: generate-validation-vectors.py PATH/TO/refcheck.py [OUT.json]")
REFCHECK = sys.argv[1]
OUT = sys.argv[2] if len(sys.argv) > 2 else "fixtures/generated/validation-vectors.json"
COUNT = 700

spec = importlib.util.spec_from_file_location("refcheck", REFCHECK)
refcheck = importlib.util.module_from_spec(spec)
spec.loader.exec_module(refcheck)

rng = random.Random(1789)
RULES = ("tutorial", "repo")
NAMES = ["alice", "bob", "张三", "李四", "😀", 'a"b\\c', "", "0"]


def block_hash(block):
    return refcheck.block_hash(block)


def proof_passes(prev, block, rule, d):
    return refcheck.proof_ok(prev["proof"], block["proof"], block_hash(prev), rule, d)[0]


def mine(prev, block, rule, d, candidates=None):
    """Sets block['proof'] to the first candidate that passes; False if none does."""
    candidates = candidates if candidates is not None else range(0, 10 ** 7)
    for p in candidates:
        block["proof"] = p
        if proof_passes(prev, block, rule, d):
            return True
    return False


def remine(chain, start, rule, d):
    """Re-link and re-mine chain[start:] (only where both blocks are well-formed dicts)."""
    for pos in range(max(start, 1), len(chain)):
        prev, block = chain[pos - 1], chain[pos]
        if not isinstance(prev, dict) or not isinstance(block, dict) or "proof" not in prev:
            return
        block["previous_hash"] = block_hash(prev)
        mine(prev, block, rule, d)


def reward(node):
    return {"sender": "0", "recipient": node, "amount": 1}


def build(rule, d):
    node = "%032x" % rng.getrandbits(128)
    t = rng.choice([round(rng.uniform(1.7e9, 1.8e9), rng.choice([0, 3, 7])), rng.randrange(1_700_000_000, 1_800_000_000)])
    chain = [{"index": 1, "previous_hash": 1 if rule == "tutorial" else "1", "proof": 100,
              "timestamp": t, "transactions": []}]
    for index in range(2, rng.randrange(2, 6) + 1):
        t = t + rng.choice([0, 0.5, rng.uniform(0, 9)])
        txs = [{"sender": rng.choice(NAMES), "recipient": rng.choice(NAMES),
                "amount": rng.choice([5, 2.5, 1, 10 ** 20, 0.1, -3, 0, 5.0])}
               for _ in range(rng.randrange(0, 3))]
        block = {"index": index, "timestamp": t, "transactions": txs + [reward(node)],
                 "proof": 0, "previous_hash": block_hash(chain[-1])}
        mine(chain[-1], block, rule, d)
        chain.append(block)
    return chain, node


WEIRD = [None, True, False, 0, 1, -1, 1.0, 2.5, -0.0, math.nan, math.inf, -math.inf, "", "1", "x",
         [], {}, [1], {"a": 1}, 10 ** 30, 1e300, "张三"]
BLOCK_KEYS = ["index", "previous_hash", "proof", "timestamp", "transactions"]


def weird():
    return copy.deepcopy(rng.choice(WEIRD))


def proof_family(kind):
    """Candidate proofs of one odd type, so one can be found that passes the proof rule."""
    if kind == "float":
        return [i + 0.5 for i in range(5000)]
    if kind == "str":
        return ["p%d" % i for i in range(5000)]
    if kind == "negative":
        return [-i for i in range(1, 5000)]
    if kind == "big":
        return [10 ** 25 + i for i in range(5000)]
    if kind == "list":
        return [[i] for i in range(5000)]
    return [True, False, None]


def mutate(chain, node, rule, d):
    """Returns (name, document). Mutates `chain` in place."""
    n = len(chain)
    k = rng.randrange(0, n)
    again = rng.random() < 0.75  # re-link and re-mine after the mutation
    op = rng.randrange(16)
    name = ""
    if op == 0:
        key = rng.choice(BLOCK_KEYS + ["extra"])
        value = weird()
        chain[k][key] = value
        name = f"chain[{k}].{key} = {value!r}"
    elif op == 1:
        key = rng.choice(BLOCK_KEYS)
        del chain[k][key]
        name = f"del chain[{k}].{key}"
    elif op == 2:
        chain[k] = copy.deepcopy(rng.choice([None, 5, "block", [1, 2], [], 2.5, True]))
        again = False
        name = f"chain[{k}] = {chain[k]!r}"
    elif op == 3 and k > 0:
        kind = rng.choice(["float", "str", "negative", "big", "list", "const"])
        found = mine(chain[k - 1], chain[k], rule, d, proof_family(kind))
        name = f"chain[{k}].proof of kind {kind} ({'passes' if found else 'fails'}): {chain[k]['proof']!r}"
        remine(chain, k + 1, rule, d)
        again = False
    elif op == 4:
        txs = chain[k]["transactions"]
        choice = rng.randrange(9)
        if choice == 0 and txs:
            t = rng.randrange(len(txs))
            txs[t]["amount"] = weird()
            name = f"chain[{k}].transactions[{t}].amount = {txs[t]['amount']!r}"
        elif choice == 1 and txs:
            t = rng.randrange(len(txs))
            key = rng.choice(["sender", "recipient", "amount"])
            del txs[t][key]
            name = f"del chain[{k}].transactions[{t}].{key}"
        elif choice == 2 and txs:
            t = rng.randrange(len(txs))
            txs[t]["memo"] = "hi"
            name = f"chain[{k}].transactions[{t}].memo added"
        elif choice == 3:
            txs.append(reward(node))
            name = f"second reward in chain[{k}]"
        elif choice == 4 and txs:
            txs.pop()
            name = f"last transaction of chain[{k}] removed"
        elif choice == 5 and len(txs) > 1:
            txs.insert(0, txs.pop())
            name = f"reward moved first in chain[{k}]"
        elif choice == 6:
            txs.append(copy.deepcopy(rng.choice([None, 5, "tx", []])))
            name = f"non-object transaction appended to chain[{k}]"
        elif choice == 7 and txs:
            t = rng.randrange(len(txs))
            key = rng.choice(["sender", "recipient"])
            txs[t][key] = weird()
            name = f"chain[{k}].transactions[{t}].{key} = {txs[t][key]!r}"
        else:
            chain[k]["transactions"] = weird()
            name = f"chain[{k}].transactions = {chain[k]['transactions']!r}"
    elif op == 5 and k > 0:
        prev_ts = chain[k - 1]["timestamp"]
        choice = rng.randrange(4)
        if choice == 0:
            chain[k]["timestamp"] = prev_ts - 1
        elif choice == 1:
            chain[k]["timestamp"] = prev_ts
        elif choice == 2:
            # exact int/float comparison: 2**53 + 1 (int) then 2**53 (float) is decreasing
            chain[k - 1]["timestamp"] = 2 ** 53 + 1
            chain[k]["timestamp"] = float(2 ** 53)
            remine(chain, k, rule, d)
        else:
            chain[k - 1]["timestamp"] = float(2 ** 53)
            chain[k]["timestamp"] = 2 ** 53 + 1
            remine(chain, k, rule, d)
        name = f"timestamps of chain[{k - 1}], chain[{k}] = {chain[k - 1]['timestamp']!r}, {chain[k]['timestamp']!r}"
    elif op == 6:
        chain[k]["index"] = rng.choice([k + 2, k, float(k + 1), str(k + 1), True, -1, 0])
        name = f"chain[{k}].index = {chain[k]['index']!r}"
    elif op == 7:
        g = chain[0]
        field = rng.choice(["previous_hash", "proof", "transactions", "extra"])
        g[field] = copy.deepcopy(rng.choice({
            "previous_hash": [1, "1", 1.0, True, "01", 0, None, 2],
            "proof": [100, 100.0, 101, "100", -100, True],
            "transactions": [[], [reward(node)], [{"sender": "a", "recipient": "b", "amount": 1}]],
            "extra": [0, "x"],
        }[field]))
        remine(chain, 1, rule, d)
        again = False
        name = f"genesis {field} = {g[field]!r}"
    elif op == 8:
        choice = rng.randrange(6)
        if choice == 0:
            del chain[1:]
            name = "only the genesis block"
        elif choice == 1:
            del chain[:]
            name = "empty chain"
        elif choice == 2:
            chain.insert(k, copy.deepcopy(chain[k]))
            name = f"chain[{k}] duplicated"
        elif choice == 3 and n > 1:
            j = rng.randrange(0, n)
            chain[k], chain[j] = chain[j], chain[k]
            name = f"chain[{k}] and chain[{j}] swapped"
        elif choice == 4:
            chain.reverse()
            name = "reversed"
        else:
            chain.append(copy.deepcopy(chain[-1]))
            name = "tip appended twice"
        again = rng.random() < 0.3
    elif op == 9:
        where = rng.choice(["amount", "timestamp", "extra"])
        value = rng.choice([math.nan, math.inf, -math.inf, [1, {"x": math.nan}]])
        if where == "amount" and chain[k]["transactions"]:
            chain[k]["transactions"][0]["amount"] = value
        elif where == "timestamp":
            chain[k]["timestamp"] = value
        else:
            chain[k]["extra"] = value
        name = f"non-finite {where} in chain[{k}]"
    elif op == 10 and chain[k]["transactions"]:
        chain[k]["transactions"][-1]["amount"] = rng.choice([1.0, 2, True, 10 ** 40, -1, "1"])
        name = f"reward amount of chain[{k}] = {chain[k]['transactions'][-1]['amount']!r}"
    elif op == 11:
        chain[k]["__proto__"] = {"polluted": True}
        name = f"__proto__ key in chain[{k}]"
    else:
        name = "unchanged"
    if again and n > 1:
        remine(chain, k + 1, rule, d)
        name += " (re-mined)"
    return name


def document(chain):
    shape = rng.randrange(12)
    n = len(chain)
    if shape < 5:
        return {"chain": chain, "length": n}, ""
    if shape == 5:
        return {"chain": chain, "length": rng.choice([n + 1, n - 1, 999, 0])}, " [wrong length]"
    if shape == 6:
        return {"chain": chain, "length": rng.choice([float(n), n == 1, str(n), None, [n]])}, " [odd length]"
    if shape == 7:
        return {"chain": chain}, " [no length]"
    if shape == 8:
        return {"message": "Our chain was replaced", "new_chain": chain}, " [resolve answer]"
    if shape == 9:
        return chain, " [bare list]"
    if shape == 10 and rng.random() < 0.3:
        return rng.choice([{"chain": "x"}, {"other": chain}, 5, "chain", {"new_chain": {}}]), " [not a chain]"
    return {"length": n, "chain": chain}, ""


CODES = [
    ("empty chain", "empty"),
    ("is not an object", "not-an-object"),
    ("missing field", "missing-field"),
    ("previous_hash mismatch", "previous-hash"),
    ("bad proof", "proof"),
    ("declared length", "length-mismatch"),
    ("has wrong fields", "fields"),
    ("NaN/Infinity", "non-finite"),
    ("has index", "index"),
    ("is not a non-negative int", "proof-type"),
    ("genesis", "genesis"),
    ("mining reward", "reward"),
    ("transaction", "transactions"),
    ("timestamp", "timestamp"),
]


def judge(doc, rule, d, strict):
    try:
        chain, declared = refcheck.extract_chain(doc)
    except refcheck.Invalid:
        return None
    try:
        refcheck.check_reference(chain, rule, d)
        if strict:
            refcheck.check_strict(chain, rule, declared)
    except refcheck.Invalid as e:
        msg = str(e)
        code = next(c for pattern, c in CODES if pattern in msg)
        m = re.search(r"block (\d+) \(chain\[", msg)
        block = int(m.group(1)) if m else (1 if code == "genesis" else None)
        return [code, block, msg]
    return None


def container_proof_passes(doc, d):
    """True if some container proof would pass Python's check (a divergence we accept)."""
    try:
        chain, _ = refcheck.extract_chain(doc)
    except refcheck.Invalid:
        return False
    for rule in RULES:
        for pos in range(1, len(chain)):
            prev, block = chain[pos - 1], chain[pos]
            if not (isinstance(prev, dict) and isinstance(block, dict) and "proof" in prev and "proof" in block):
                continue
            if isinstance(prev["proof"], (list, dict)) or isinstance(block["proof"], (list, dict)):
                if proof_passes(prev, block, rule, d):
                    return True
    return False


vectors = []
skipped = {"container proof": 0, "crash": 0}
while len(vectors) < COUNT:
    rule = rng.choice(RULES)
    d = rng.choice([0, 1, 1, 2, 2, 2])
    chain, node = build(rule, d)
    try:
        names = [mutate(chain, node, rule, d) for _ in range(rng.choice([0, 1, 1, 1, 2]))]
    except (KeyError, TypeError, IndexError, AttributeError, ValueError):
        continue  # a second mutation that no longer applies (e.g. the block is gone)
    doc, shape = document(chain)
    text = json.dumps(doc)
    doc = json.loads(text)  # judge exactly what the text says
    if container_proof_passes(doc, d):
        skipped["container proof"] += 1
        continue
    try:
        extract_error = None
        try:
            refcheck.extract_chain(doc)
        except refcheck.Invalid as e:
            extract_error = str(e)
        verdicts = {r: {"normal": judge(doc, r, d, False), "strict": judge(doc, r, d, True)} for r in RULES}
    except Exception:  # refcheck itself crashed: not a verdict to reproduce
        skipped["crash"] += 1
        continue
    vectors.append({
        "name": f"{rule} d={d}: " + ("; ".join(names) or "as mined") + shape,
        "difficulty": d,
        "text": text,
        "extract": extract_error,
        "verdicts": verdicts,
    })

header = {
    "about": "refcheck.py verdicts (normal and --strict, both rules) on mutated chains; "
             "generated by scripts/generate-validation-vectors.py",
    "python": sys.version.split()[0],
    "count": len(vectors),
    "skipped": skipped,
}
with open(OUT, "w", encoding="utf-8") as fh:
    fh.write(json.dumps(header)[:-1] + ', "vectors": [\n')
    fh.write(",\n".join(json.dumps(v) for v in vectors))
    fh.write("\n]}\n")

stats = {}
for v in vectors:
    for r in RULES:
        for mode in ("normal", "strict"):
            verdict = v["verdicts"][r][mode]
            key = f"{mode}:{verdict[0] if verdict else ('extract' if v['extract'] else 'valid')}"
            stats[key] = stats.get(key, 0) + 1
print(f"{OUT}: {len(vectors)} vectors, skipped {skipped}")
for key in sorted(stats):
    print(f"  {key}: {stats[key]}")
