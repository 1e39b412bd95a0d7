#!/usr/bin/env python3
"""Checks that every relative link and image path in README.md and docs/**/*.md names a file that
exists, and every #anchor a heading of its target page (GitHub's rule for heading ids). Links in
code blocks and to other sites are not checked.
    python3 scripts/check_links.py [REPOSITORY]      (ctest docs.links)"""
import pathlib, re, sys
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
files = [root / "README.md"] + sorted((root / "docs").rglob("*.md"))
link = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
def anchors(path):
    text = re.sub(r"```.*?```", "", path.read_text(), flags=re.S)
    out = set()
    for h in re.findall(r"^#+\s+(.*)$", text, flags=re.M):
        a = re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
        out.add(a)
    return out
bad = 0; count = 0
for f in files:
    text = re.sub(r"```.*?```", "", f.read_text(), flags=re.S)
    for target in link.findall(text):
        if re.match(r"[a-z]+://|mailto:", target):
            continue
        count += 1
        path, _, anchor = target.partition("#")
        dest = (f.parent / path).resolve() if path else f
        if not dest.exists():
            print(f"{f.relative_to(root)}: missing {target}"); bad += 1
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
            print(f"{f.relative_to(root)}: no heading for #{anchor} in {path or f.name}"); bad += 1
print(f"{count} relative links and images in {len(files)} files, {bad} broken")
sys.exit(1 if bad else 0)
