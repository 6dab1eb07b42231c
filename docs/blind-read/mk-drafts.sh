#!/bin/bash
# mk-drafts.sh N — render the drafts that blind read N reads into $BLIND_DIR/blindN/drafts
# (run from the repository root after `cargo build`; LIB=DIR renders with another clause library,
# such as an earlier commit's `git archive <rev> clause-library`, to diff against).
set -e
N=$1; ROOT=${BLIND_DIR:-/tmp/blind}; D=$ROOT/blind$N/drafts; BIN=${BIN:-target/debug/dealdraft}
LIBARG=""; [ -n "$LIB" ] && LIBARG="--library $LIB"
rm -rf "$ROOT/blind$N"; mkdir -p "$D"; TMP=$(mktemp -d)
for ex in global-bank healthcare-azure minimal; do
  for st in preferred fallback; do
    python3 - "$ex" "$st" "$TMP/$ex-$st.json" <<'PY'
import json, sys
d = json.load(open(f"examples/{sys.argv[1]}.json")); d["deal"]["stance"] = sys.argv[2]
json.dump(d, open(sys.argv[3], "w"), indent=2)
PY
  done
done
short() { case $1 in global-bank) echo bank;; healthcare-azure) echo health;; minimal) echo minimal;; esac; }
for ex in global-bank healthcare-azure; do for st in preferred fallback; do
  $BIN render "$TMP/$ex-$st.json" $LIBARG --out - > "$D/$(short $ex)-$st.md"; done; done
$BIN render "$TMP/minimal-preferred.json" $LIBARG --out - > "$D/minimal-preferred.md" 2>/dev/null
for st in preferred fallback; do
  $BIN render "$TMP/global-bank-$st.json" $LIBARG --unit markets --out - > "$D/bank-unit-markets-$st.md"; done
rm -rf "$TMP"; ls "$D"
