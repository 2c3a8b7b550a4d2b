"""Lays out the Quarkus function.zip as the Lambda layer every function runs (functions/Makefile, target build-*Layer).

Lambda's Java runtime puts a layer's java/lib/*.jar on the class path after the function's own code, in lexical order
(aws-lambda-java-runtime-interface-client, CustomerClassLoader). function.zip holds the application at its root (Gilder's
classes, Quarkus' generated classes, application.properties, META-INF) and its libraries in lib/. The layer gets:
  java/lib/<library>.jar        every jar of function.zip's lib/, byte for byte
  java/lib/0-gilder-app.jar     the root's files, so that the application comes first on the class path as it did from
                                /var/task; without the root's MANIFEST.MF, whose Class-Path names lib/ jars beside it
  bootstrap                     a guard: a function deployed with FunctionRuntime=native but built for the JVM runs it
                                (provided.al2023 runs /opt/bootstrap) and fails saying so, instead of "no bootstrap"
The application jar is reproducible (sorted entries, fixed timestamps), so an unchanged build gives a layer with the same
content hash and `sam package` / `sam deploy` upload and publish nothing new.

With --native (functions/native/Makefile, FunctionRuntime=native), FUNCTION_ZIP is Quarkus' native function.zip: its
files (the executable `bootstrap`) go to the layer's root, the executable must fit the budget below, and the zip is moved
aside (function-native.zip) so that the JVM build does not take it for its own function.zip.
Usage: build-code-layer.py [--native] FUNCTION_ZIP ARTIFACTS_DIR
"""
import os
import shutil
import sys
import zipfile
from pathlib import Path

APP_JAR = "0-gilder-app.jar"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# The native executable's budget (README, Native runtime): Lambda refuses more than 250 MB unzipped; with the SDK's class
# files excluded from the image it measured 84.6 MB (issue 17).
NATIVE_BUDGET = 100 * 1024 * 1024
GUARD = """#!/bin/sh
echo "Gilder: this function runs on $AWS_EXECUTION_ENV (FunctionRuntime=native) but its code layer was built for the JVM." \
     "Build and deploy with the same FunctionRuntime: sam build --parameter-overrides FunctionRuntime=native." >&2
exit 1
"""


def native(function_zip, artifacts_dir):
    out = Path(artifacts_dir)
    with zipfile.ZipFile(function_zip) as source:
        names = [e.filename for e in source.infolist() if not e.is_dir()]
        if "bootstrap" not in names:
            sys.exit(f"{function_zip}: no bootstrap at its root; is it a native build (./mvnw -Pnative -pl functions package)?")
        for entry in source.infolist():
            if not entry.is_dir():
                source.extract(entry, out)
                os.chmod(out / entry.filename, (entry.external_attr >> 16) & 0o777 or 0o644)
    bootstrap = out / "bootstrap"
    os.chmod(bootstrap, 0o755)
    # The executable and whatever else Quarkus put beside it (shared libraries, src/main/zip.native files).
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    if size > NATIVE_BUDGET:
        sys.exit(f"the native bootstrap and its files are {size / 2**20:.1f} MB, over their {NATIVE_BUDGET // 2**20} MB budget: "
                 "see README, Native runtime (-Dquarkus.native.enable-reports=true shows what fills the image heap)")
    os.replace(function_zip, Path(function_zip).with_name("function-native.zip"))
    print(f"layer: native bootstrap {size / 2**20:.1f} MB (budget {NATIVE_BUDGET // 2**20} MB) in {out}")


def main(function_zip, artifacts_dir):
    lib = Path(artifacts_dir) / "java" / "lib"
    shutil.rmtree(Path(artifacts_dir) / "java", ignore_errors=True)
    lib.mkdir(parents=True)
    app = []
    with zipfile.ZipFile(function_zip) as source:
        if "bootstrap" in source.namelist():
            sys.exit(f"{function_zip} is a native build (it holds bootstrap): build FunctionRuntime=native, or rebuild the JVM "
                     "artifact with ./mvnw -pl functions package")
        for entry in source.infolist():
            if entry.is_dir():
                continue
            if entry.filename.startswith("lib/"):
                name = entry.filename[len("lib/"):]
                if "/" in name or not name.endswith(".jar"):
                    sys.exit(f"{function_zip}: unexpected entry {entry.filename} (lib/ holds only jars)")
                with source.open(entry) as data, open(lib / name, "wb") as out:
                    shutil.copyfileobj(data, out)
            elif entry.filename != "META-INF/MANIFEST.MF":
                app.append(entry)
        if not app:
            sys.exit(f"{function_zip}: no application classes at its root")
        with zipfile.ZipFile(lib / APP_JAR, "w", zipfile.ZIP_DEFLATED) as jar:
            for entry in sorted(app, key=lambda e: e.filename):
                info = zipfile.ZipInfo(entry.filename, FIXED_TIME)
                info.external_attr = 0o644 << 16
                jar.writestr(info, source.read(entry), zipfile.ZIP_DEFLATED)
    libraries = sorted(p.name for p in lib.iterdir())
    if libraries[0] != APP_JAR:
        sys.exit(f"{APP_JAR} must sort first in java/lib, but {libraries[0]} does")
    guard = Path(artifacts_dir) / "bootstrap"
    guard.write_text(GUARD)
    os.chmod(guard, 0o755)
    print(f"layer: {len(libraries) - 1} library jars and {APP_JAR} ({len(app)} files) in {lib}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--native"] and len(args) == 3:
        native(args[1], args[2])
    elif len(args) == 2:
        main(args[0], args[1])
    else:
        sys.exit(__doc__)
