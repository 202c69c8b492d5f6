#!/usr/bin/env bash
# catches_drift.sh DOCS_CHECK SKYBENCH: docs_check.py on tests/docs/drift.md
# must exit 1 and report exactly the drift planted there, each kind once.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(python3 "$1" --root "$root" --skybench "$2" "$here/drift.md")
rc=$?
echo "$out"
fail() { echo "catches_drift: $*" >&2; exit 1; }
[ "$rc" -eq 1 ] || fail "exit status $rc, expected 1"
for want in \
  'drift.md:9: link: (no_such_doc.md): no such file' \
  'drift.md:10: link: (../../docs/regressions.md#no-such-heading): no heading #no-such-heading' \
  'drift.md:12: section: docs/verification.md "Unit tests of the moon": no such heading' \
  'drift.md:17: path: verif/llr/sb_llr_bench_old.cpp: no such file' \
  'drift.md:25: key: llr.replay_dpeth is no key' \
  'drift.md:29: outside: ../../../shared/notes.md is outside' \
  'drift.md:30: outside: /work/main/build/skybench is outside'; do
  grep -qF "$want" <<<"$out" || fail "not reported: $want"
done
n=$(grep -c ': \(link\|section\|path\|key\|outside\): ' <<<"$out")
[ "$n" -eq 7 ] || fail "$n problems reported, expected the 7 planted"
echo "catches_drift: all 7 planted problems reported, nothing else"
