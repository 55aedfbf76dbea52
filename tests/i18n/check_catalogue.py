#!/usr/bin/env python3
"""Fails when the zh_CN catalogue is not complete for the sources as they are.

Runs lupdate over app/ and widgets/ into a copy of translations/slimbench_zh_CN.ts (the
committed file is not touched), then lists every message that is unfinished there: a string
whose translation is missing, or a source or .ui string the committed catalogue does not hold
yet (lupdate adds those as unfinished).

    check_catalogue.py LUPDATE SOURCE_DIR
"""
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path


def main():
    lupdate, source = sys.argv[1], Path(sys.argv[2])
    committed = source / "translations" / "slimbench_zh_CN.ts"
    with tempfile.TemporaryDirectory() as tmp:
        refreshed = Path(tmp) / "slimbench_zh_CN.ts"
        shutil.copy(committed, refreshed)
        result = subprocess.run([lupdate, "-no-obsolete", "-locations", "none", "app", "widgets", "-ts", str(refreshed)],
                                cwd=source, capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stdout, result.stderr)
            return 2
        root = ET.parse(refreshed).getroot()
    missing = []
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                continue
            if translation.get("type") in ("obsolete", "vanished"):
                continue
            forms = [f.text for f in translation.findall("numerusform")] if message.get("numerus") == "yes" else [translation.text]
            # Unfinished, or finished by hand with nothing in it: either way English shows.
            if translation.get("type") == "unfinished" or not forms or any(not (f or "").strip() for f in forms):
                missing.append(f"{name}: {message.findtext('source')!r}")
    if missing:
        print(f"{len(missing)} string(s) have no zh_CN translation (run lupdate as translations/README.md says, "
              "then translate them):")
        for line in missing:
            print("  " + line)
        return 1
    print("zh_CN catalogue complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
