"""The data the lexicon is built from: npm tarballs pinned by version and
checked against their registry integrity hash, cached under the work folder.

Every source here is permissive; licences and provenance are recorded in
crates/query/data/README.md.
"""

import base64
import hashlib
import io
import json
import os
import tarfile
import urllib.request

REGISTRY = "https://registry.npmjs.org"

# name, version, sha512 integrity (from the registry's `dist.integrity`).
PACKAGES = {
    # Letterpress word lists (CC0), packaged under MIT by the `words` project.
    "an-array-of-french-words": (
        "2.0.0",
        "LRPhVZLteE0wrUFimKWcrEtXZcv8XiG9TArm37j7/PdO2G5f6UfgCny+ibH8CascxMXFMzTPlJcP01PgSmei8Q==",
    ),
    "an-array-of-english-words": (
        "2.0.0",
        "FXnNvZSOI27kkKXeLSquhaTGP7z198UOQ4txaYO9fCfrjCh+D5SV7G7XqzEH0229+pAi4cjBEZ4WIQYgjKtO7Q==",
    ),
    # Unicode CLDR 48 (Unicode licence v3).
    "cldr-localenames-full": (
        "48.2.0",
        "4o0paYDz0UXhfhChAVFkmVl2CP0YTSEqE6WrC0fNafaSC5u5DAXphxH3SZ1Ujczarikr8DToKZfiok6EqWLdNQ==",
    ),
    "cldr-dates-full": (
        "48.2.0",
        "zMrKvjMO414HDftLr6vKH1fNQHakFNe+F1h4S0eg+zmL4WRi9pI41fxB3UrTJDY42MEM87jCuAw/qlqCgYKcAQ==",
    ),
}


def tarball(name, cache):
    """The verified tarball of package `name`, downloaded once into `cache`."""
    version, integrity = PACKAGES[name]
    path = os.path.join(cache, f"{name}-{version}.tgz")
    if not os.path.exists(path):
        url = f"{REGISTRY}/{name}/-/{name}-{version}.tgz"
        with urllib.request.urlopen(url, timeout=120) as response:
            data = response.read()
        with open(path + ".part", "wb") as out:
            out.write(data)
        os.replace(path + ".part", path)
    with open(path, "rb") as f:
        data = f.read()
    digest = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != integrity:
        raise SystemExit(f"{path}: sha512 {digest} is not the pinned {integrity}; delete it and retry")
    return data


def read_json(name, member, cache):
    """JSON file `member` (path inside the package) of package `name`."""
    with tarfile.open(fileobj=io.BytesIO(tarball(name, cache)), mode="r:gz") as tar:
        f = tar.extractfile(f"package/{member}")
        if f is None:
            raise SystemExit(f"{name}: no {member} in the package")
        return json.load(f)
