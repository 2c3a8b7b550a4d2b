"""Lays out the Quarkus function.zip as the Lambda layer every function runs (functions/Makefile, target build-*Layer).

Lambda's Java runtime puts a layer's java/lib/*.jar on the class path after the function's own code, in lexical order
(aws-lambda-java-runtime-interface-client, CustomerClassLoader). function.zip holds the application at its root (Gilder's
classes, Quarkus' generated classes, application.properties, META-INF) and its libraries in lib/. The layer gets:
  java/lib/<library>.jar        every jar of function.zip's lib/, byte for byte
  java/lib/0-gilder-app.jar     the root's files, so that the application comes first on the class path as it did from
                                /var/task; without the root's MANIFEST.MF, whose Class-Path names lib/ jars beside it
The application jar is reproducible (sorted entries, fixed timestamps), so an unchanged build gives a layer with the same
content hash and `sam package` / `sam deploy` upload and publish nothing new.
Usage: build-code-layer.py FUNCTION_ZIP ARTIFACTS_DIR
"""
import shutil
import sys
import zipfile
from pathlib import Path

APP_JAR = "0-gilder-app.jar"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def main(function_zip, artifacts_dir):
    lib = Path(artifacts_dir) / "java" / "lib"
    shutil.rmtree(Path(artifacts_dir) / "java", ignore_errors=True)
    lib.mkdir(parents=True)
    app = []
    with zipfile.ZipFile(function_zip) as source:
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
    print(f"layer: {len(libraries) - 1} library jars and {APP_JAR} ({len(app)} files) in {lib}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
