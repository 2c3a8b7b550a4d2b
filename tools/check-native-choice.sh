#!/usr/bin/env bash
# FunctionRuntime=native (README, "Native runtime"): `sam build` with the native choice builds the code layer with
# functions/native/Makefile, which needs GraalVM or Mandrel. These machines have neither, so this checks what can be
# checked here: without a GRAALVM_HOME (or with one lacking bin/native-image) `sam build` stops with the clear message
# for both templates; the native layout (build-code-layer.py --native) puts an executable bootstrap at the layer's root,
# refuses a zip without one and an executable over its budget. The JVM layer's bootstrap guard is run by check-sam-build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.tools/venv/bin
export SAM_CLI_TELEMETRY=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL $*"; exit 1; }

expect_refusal() { # template layer graalvm_home expected-detail
  local out="$work/$2.out" status=0
  if [ -n "$3" ]; then
    GRAALVM_HOME="$3" "$VENV/sam" build "$2" -t "$1" --build-dir "$work/build-$2" --parameter-overrides FunctionRuntime=native >"$out" 2>&1 || status=$?
  else
    env -u GRAALVM_HOME "$VENV/sam" build "$2" -t "$1" --build-dir "$work/build-$2" --parameter-overrides FunctionRuntime=native >"$out" 2>&1 || status=$?
  fi
  [ "$status" -ne 0 ] || fail "sam build of $1 with FunctionRuntime=native and no GraalVM succeeded"
  grep -q "FunctionRuntime=native needs GraalVM or Mandrel (JDK 21+) to build the native executable: set GRAALVM_HOME .*($4)" "$out" \
    || { cat "$out"; fail "sam build of $1 with FunctionRuntime=native did not say what it needs"; }
  echo "ok: $1 with FunctionRuntime=native: $(grep -o 'FunctionRuntime=native needs.*the default' "$out" | head -n 1)"
}
expect_refusal template.yaml GilderCodeLayer "" "GRAALVM_HOME is not set"
expect_refusal child-account/template.yaml CodeLayer "$work/no-graalvm" "$work/no-graalvm has no bin/native-image"

# The native layer's layout, from a stand-in for Quarkus' native function.zip (a script named bootstrap).
"$VENV/python" - "$work" <<'PY'
import subprocess, sys, zipfile
from pathlib import Path
work = Path(sys.argv[1])
def native_zip(name, size=None):
    path = work / name / "function.zip"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w") as z:
        if size is not None:
            info = zipfile.ZipInfo("bootstrap")
            info.external_attr = 0o755 << 16
            z.writestr(info, "#!/bin/sh\necho native\n" + "#" * size)
        else:
            z.writestr("README.txt", "not native")
    return path
def layer(zip_path):
    out = zip_path.parent / "layer"
    out.mkdir()
    return out, subprocess.run([sys.executable, "tools/build-code-layer.py", "--native", str(zip_path), str(out)],
                               capture_output=True, text=True)
out, run = layer(native_zip("ok", 1000))
assert run.returncode == 0, run.stderr
assert subprocess.run([str(out / "bootstrap")], capture_output=True, text=True).stdout == "native\n", "bootstrap not runnable"
assert (out.parent / "function-native.zip").exists() and not (out.parent / "function.zip").exists(), "zip not moved aside"
out, run = layer(native_zip("missing"))
assert run.returncode != 0 and "no bootstrap at its root" in run.stderr, run.stderr
out, run = layer(native_zip("big", 101 * 2**20))
assert run.returncode != 0 and "over their 100 MB budget" in run.stderr, run.stderr
print("ok: native layer: executable /opt/bootstrap; refused without a bootstrap and over the 100 MB budget")
PY
