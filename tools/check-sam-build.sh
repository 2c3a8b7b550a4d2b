#!/usr/bin/env bash
# `sam build` must produce a deployable artifact for both templates, with the code shipped once per stack (the code
# layer) rather than once per function: tools/check-sam-build.py checks that each function finds the Quarkus runtime
# and its own handler class on the class path Lambda gives it (its package, then its layers), and one handler is booted
# from the layer alone. Then `sam package` runs against a local S3 (moto server) to measure what a deployment uploads.
# Prints the figures on lines starting "deploy:".
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.tools/venv/bin
export SAM_CLI_TELEMETRY=0
rm -rf .aws-sam
build_dirs=()
start=$SECONDS
for template in template.yaml child-account/template.yaml; do
  build_dir=.aws-sam/build
  [ "$template" = template.yaml ] || build_dir=.aws-sam/$(dirname "$template")
  "$VENV/sam" build -t "$template" --build-dir "$build_dir"
  build_dirs+=("$build_dir")
done
echo "deploy: sam build took $((SECONDS - start)) s; .aws-sam holds $(du -sb .aws-sam | cut -f1) bytes ($(( $(du -sb .aws-sam | cut -f1) / 1048576 )) MB)"
"$VENV/python" tools/check-sam-build.py "${build_dirs[@]}"

# Boot a handler from the pipeline's layer alone (no AWS call: the request is refused by name before any).
layer_jars=$(find .aws-sam/build/GilderCodeLayer/java/lib -name '*.jar' | LC_ALL=C sort | paste -sd:)
booted=$(env -i PATH="$PATH" HOME="$HOME" AWS_REGION=us-east-1 QUARKUS_LAMBDA_HANDLER=validate-build-request \
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:TieredStopAtLevel=1 -cp "$layer_jars" tools/BootFromLayer.java \
  io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler '{"productName": "Web"}' 2>&1 | tail -n 20)
echo "$booted" | grep "^threw: io.gilder.error.InvalidRequestException: .*sourceAmiId is required" \
  || { echo "FAIL validate-build-request did not boot from GilderCodeLayer alone:"; echo "$booted"; exit 1; }

# The JVM layer's /opt/bootstrap, run only if the stack is deployed with FunctionRuntime=native on this JVM build, says so.
guard=$(AWS_EXECUTION_ENV=AWS_Lambda_provided.al2023 .aws-sam/build/GilderCodeLayer/bootstrap 2>&1) \
  && { echo "FAIL the JVM layer's bootstrap guard succeeded"; exit 1; }
echo "$guard" | grep -q "built for the JVM. Build and deploy with the same FunctionRuntime" \
  || { echo "FAIL the JVM layer's bootstrap guard did not explain: $guard"; exit 1; }

# What `sam package` uploads: each template's artifacts into one bucket of a local moto server (SAM names each upload by
# its content's MD5 and skips a key already there, as in the real deployment bucket).
port=$("$VENV/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$VENV/moto_server" -H 127.0.0.1 -p "$port" >.aws-sam/moto.log 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null || true' EXIT
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export AWS_ENDPOINT_URL_S3="http://127.0.0.1:$port"
for _ in $(seq 100); do "$VENV/python" -c "import urllib.request; urllib.request.urlopen('$AWS_ENDPOINT_URL_S3')" 2>/dev/null && break; sleep 0.2; done
"$VENV/python" -c 'import boto3; boto3.client("s3").create_bucket(Bucket="gilder-artifacts")'
start=$SECONDS
for build_dir in "${build_dirs[@]}"; do
  "$VENV/sam" package -t "$build_dir/template.yaml" --s3-bucket gilder-artifacts --no-progressbar --output-template-file "$build_dir/packaged.yaml"
done
echo "deploy: sam package took $((SECONDS - start)) s"
"$VENV/python" - "${build_dirs[@]}" <<'PY'
import sys
import boto3
from cfnlint.decode import decode

s3 = boto3.client("s3")
keys = []  # the S3 object of each function and layer; each stores its own copy of it in Lambda
for build_dir in sys.argv[1:]:
    template, _ = decode(f"{build_dir}/packaged.yaml")
    for resource in template["Resources"].values():
        props = resource.get("Properties", {})
        uri = props.get("CodeUri") or props.get("ContentUri")
        if resource.get("Type") in ("AWS::Serverless::Function", "AWS::Serverless::LayerVersion") and uri:
            keys.append(uri.removeprefix("s3://gilder-artifacts/"))
size = {key: s3.head_object(Bucket="gilder-artifacts", Key=key)["ContentLength"] for key in set(keys)}
uploaded, stored = sum(size.values()), sum(size[key] for key in keys)
print(f"deploy: sam package uploads {len(size)} code objects, {uploaded} bytes ({uploaded / 2**20:.1f} MB), for "
      f"{len(keys)} functions and layers; Lambda stores {stored / 2**20:.1f} MB of code for them (each its own copy)")
PY
