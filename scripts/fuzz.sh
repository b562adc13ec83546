#!/usr/bin/env bash
# Fuzzes one parser of what a partner sends with libFuzzer, through SharpFuzz:
#
#   scripts/fuzz.sh [envelope|agreement|receipt|transfer] [RUNS | SECONDSs]     (default: envelope 1000000)
#
# envelope:  EnvelopeOpener.Open on envelope bytes (Yunnan's opener of every suite);
# agreement: SignedAgreement parsing and AgreementInForce.Inspect;
# receipt:   ReceiptVerifier.Verify on signed-receipt bytes;
# transfer:  the gateway's decoder of broker message bodies (BinaryTransferSerializer).
# The targets live in tests/Liaison.Fuzzing; the seeds in tests/fuzz/corpus/TARGET (read only here).
#
# It publishes tests/Liaison.Fuzzing (Release), instruments Liaison.Crypto.dll and
# Google.Protobuf.dll (and Liaison.Gateway.dll for transfer) with the sharpfuzz tool, builds the libFuzzer driver with clang
# and runs it, with a hang being any input that takes more than 1 s. New inputs,
# crash-*, timeout-* files and the log go to $LIAISON_FUZZ_DIR (default
# /var/tmp/liaison-fuzz/TARGET). It ends with one line:
#   fuzz: target=... inputs=N crashes=N hangs=N seconds=N
# and exits non-zero when a crash or hang was found. Reproduce one with
#   dotnet run --project tests/Liaison.Fuzzing -- replay TARGET FILE
# Installs what it needs (Debian: clang, libclang-rt-14-dev; the SharpFuzz.CommandLine tool).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

target="${1:-envelope}"
budget="${2:-1000000}"
usage="usage: $0 [envelope|agreement|receipt|transfer] [RUNS|SECONDSs]"
case "$target" in envelope|agreement|receipt|transfer) ;; *) echo "$usage" >&2; exit 2 ;; esac
case "$budget" in
  *s) limit=(-max_total_time="${budget%s}") ;;
  *[!0-9]*|'') echo "$usage" >&2; exit 2 ;;
  *) limit=(-runs="$budget") ;;
esac

work="${LIAISON_FUZZ_DIR:-/var/tmp/liaison-fuzz/$target}"
build="$work/build"
mkdir -p "$work/corpus" "$work/artifacts"

# Tools.
clang="$(command -v clang || command -v clang-14 || true)"
if [ -z "$clang" ] || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz: installing clang and libclang-rt-14-dev" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang-14 libclang-rt-14-dev >/dev/null
  clang="$(command -v clang || command -v clang-14)"
fi
sharpfuzz="$repo/.tools/sharpfuzz/sharpfuzz"
if [ ! -x "$sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$repo/.tools/sharpfuzz" >/dev/null
fi

# Build: a fresh publish each time, since sharpfuzz instruments in place.
rm -rf "$build"
dotnet publish tests/Liaison.Fuzzing -c Release -o "$build" -v q --nologo >/dev/null
instrumented=(Liaison.Crypto.dll Google.Protobuf.dll)
if [ "$target" = transfer ]; then instrumented+=(Liaison.Gateway.dll); fi
for assembly in "${instrumented[@]}"; do
  "$sharpfuzz" "$build/$assembly" >/dev/null
done
"$clang" -O2 -fsanitize=fuzzer tests/Liaison.Fuzzing/driver/libfuzzer-dotnet.c -o "$build/libfuzzer-dotnet"

# Run. The first corpus folder receives new inputs; the repository's seeds are only read.
rm -f "$work/artifacts/"*
log="$work/fuzz.log"
start=$(date +%s)
set +e
"$build/libfuzzer-dotnet" --target_path="$build/Liaison.Fuzzing" --target_arg=libfuzzer --target_arg="$target" \
  "${limit[@]}" -timeout=1 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
  "$work/corpus" "tests/fuzz/corpus/$target" > "$log" 2>&1
status=$?
set -e
seconds=$(( $(date +%s) - start ))
tail -n 25 "$log"

inputs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
crashes=$(find "$work/artifacts" -name 'crash-*' | wc -l)
hangs=$(find "$work/artifacts" -name 'timeout-*' | wc -l)
echo "fuzz: target=$target inputs=${inputs:-unknown} crashes=$crashes hangs=$hangs seconds=$seconds log=$log"
if [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ] || [ "$status" -ne 0 ]; then
  ls "$work/artifacts" >&2
  exit 1
fi
