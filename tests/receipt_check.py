#!/usr/bin/env python3
"""Checks a jaring receipt with Python's standard library only, apart from jaring's code.

    python3 tests/receipt_check.py RECEIPT.json [ROOT-OR-HEAD]

The leaf is SHA-256(0x00 || the bytes of `leaf`), a node SHA-256(0x01 || left || right)
(RFC 6962); the audit path in `proof` is folded bottom-up as RFC 9162 section 2.1.3.2 says
and must give `root`. The checkpoint (a C2SP signed note) must name the same tree size and
root. The log's head, which the minutes record, is
SHA-256("jaring log head 4\n" || header SHA-256 (named by `origin`) || tree size as 8 bytes
big-endian || root); an expected root or head given is compared with it. Ed25519 signatures are not checked here: the standard library has no Ed25519 —
`jaring verify RECEIPT --key K.pub` checks them.

Prints the record's row and outcome and exits 0 when the receipt holds; prints why not
and exits 1 otherwise.
"""

import base64
import binascii
import hashlib
import json
import sys


def sha256(*parts):
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.digest()


def fold(leaf_hash, index, size, path):
    """The root the audit path leads to, or None when it cannot belong to such a tree."""
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf_hash
    for sibling in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = sha256(b"\x01", sibling, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = sha256(b"\x01", r, sibling)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def check(receipt, expected_root=None):
    """(row, outcome, head) of the record the receipt proves; raises ValueError if not."""
    if receipt.get("format") != "jaring-receipt 1":
        raise ValueError("not a jaring receipt")
    record = None
    if "leaf" in receipt:
        leaf = base64.b64decode(receipt["leaf"], validate=True)
        leaf_hash = sha256(b"\x00", leaf)
        record = json.loads(leaf)
        if record.get("row") != receipt["row"]:
            raise ValueError("the record is of another row than the receipt names")
    else:
        # a receipt from a redacted copy proves the leaf without disclosing it
        leaf_hash = bytes.fromhex(receipt["leaf_hash"])
    path = [bytes.fromhex(p) for p in receipt["proof"]]
    if any(len(p) != 32 for p in path) or len(leaf_hash) != 32:
        raise ValueError("a hash is not 32 bytes")
    root = fold(leaf_hash, receipt["leaf_index"], receipt["tree_size"], path)
    if root is None or root.hex() != receipt["root"]:
        raise ValueError("the proof does not lead to the root")
    origin = receipt.get("origin", "")
    if not origin.startswith("jaring/"):
        raise ValueError("the origin names no header")
    header_hash = bytes.fromhex(origin[len("jaring/"):])
    head = sha256(b"jaring log head 4\n", header_hash, receipt["tree_size"].to_bytes(8, "big"), root)
    if expected_root is not None:
        expected = "".join(expected_root.split()).lower()
        if expected not in (receipt["root"], head.hex()):
            raise ValueError("neither the root nor the head is the one expected")
    note = receipt.get("checkpoint")
    if note is not None:
        lines = note.split("\n")
        if len(lines) < 3 or lines[1] != str(receipt["tree_size"]) or base64.b64decode(lines[2]) != root:
            raise ValueError("the checkpoint names another tree")
        if lines[0] != receipt.get("origin"):
            raise ValueError("the checkpoint names another log")
    outcome = record.get("outcome") if record else "(not disclosed)"
    return receipt["row"], outcome, head.hex()


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().split("\n\n")[1].strip())
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            receipt = json.load(f)
        row, outcome, head = check(receipt, argv[2] if len(argv) == 3 else None)
    except (OSError, ValueError, KeyError, TypeError, binascii.Error) as e:
        print(f"INVALID: {e}")
        return 1
    print(f"valid: row {row}, outcome {outcome}, root {receipt['root']}, head {head}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
