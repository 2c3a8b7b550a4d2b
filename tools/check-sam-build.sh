#!/usr/bin/env bash
# `sam build` must produce a deployable artifact: every function's folder holds the Quarkus
# handler classes and the runtime's lib/ jars (SAM's default Java builder would drop the former).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .aws-sam
.tools/venv/bin/sam build
fail=0
for fn in $(.tools/venv/bin/python - <<'PY'
import re
names = re.findall(r'^  (\w+Function):\n    Type: AWS::Serverless::Function', open('template.yaml').read(), re.M)
print("\n".join(names))
PY
); do
  dir=".aws-sam/build/$fn"
  if [ -f "$dir/io/quarkus/amazon/lambda/runtime/QuarkusStreamHandler.class" ] || ls "$dir"/lib/*quarkus-amazon-lambda*.jar >/dev/null 2>&1; then
    if ls "$dir"/io/gilder/handler/*Handler.class >/dev/null 2>&1 || unzip -l "$dir"/lib/*.jar 2>/dev/null | grep -q "io/gilder/handler/"; then
      echo "ok   $fn"; continue
    fi
  fi
  echo "FAIL $fn: $dir lacks the Quarkus runtime or Gilder's handlers"; fail=1
done
exit $fail
