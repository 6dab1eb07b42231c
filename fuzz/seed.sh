#!/bin/sh
# Seeds the fuzz corpora (fuzz/corpus/<target>/) from examples/, the clause library and the
# bad-input corpus (tests/corpus/). Run from the repository root: `sh fuzz/seed.sh`.
set -eu
C=fuzz/corpus
mkdir -p $C/deal $C/markdown_parse $C/write_markdown $C/write_typst $C/write_docx $C/write_html $C/docx_reader $C/word_diff

# Deal loading: every example and every bad deal of the corpus.
for f in examples/*.json examples/check/*.json $(find tests/corpus -name '*.json'); do
  cp "$f" "$C/deal/$(echo "$f" | tr / _)"
done

# Markdown: clause bodies, the vendor paper example; the writers get "value\nbody".
for f in $(find clause-library templates -name '*.md') examples/check/vendor-paper.md; do
  n=$(echo "$f" | tr / _)
  sed '1,/^+++$/{/^+++$/!d};/^+++$/d' "$f" > "$C/markdown_parse/$n" 2>/dev/null || cp "$f" "$C/markdown_parse/$n"
  for t in write_markdown write_typst write_docx write_html; do
    { printf 'Acme {{ x }} <w:t> & *b* #set \\ $\n'; cat "$C/markdown_parse/$n"; } > "$C/$t/$n"
  done
done

# Word files: the broken ones of the corpus, and our own SOWs.
cp tests/corpus/docx/*.docx $C/docx_reader/
BIN=${CARGO_TARGET_DIR:-target}/debug/dealdraft
[ -x "$BIN" ] || cargo build --quiet
tmp=$(mktemp -d)
for f in examples/*.json; do
  "$BIN" render "$f" --format docx --document all --out "$tmp" >/dev/null 2>&1 || true
done
for f in $(find "$tmp" -name '*.docx'); do cp "$f" "$C/docx_reader/$(basename "$(dirname "$f")")-$(basename "$f")"; done
rm -rf "$tmp"

# Word diff: "baseline\0ours", pairs of consecutive paragraphs of the clause library.
i=0
for f in $(find clause-library -name '*.md' | sort); do
  a=$(grep -v '^[+{]' "$f" | grep -m1 '[a-z]' || true)
  [ -n "${prev:-}" ] && [ -n "$a" ] && printf '%s\0%s' "$prev" "$a" > "$C/word_diff/pair-$i" && i=$((i+1))
  prev=$a
done
printf 'within sixty (60) minutes\0within thirty (30) minutes' > $C/word_diff/numbers
printf 'pay the fee in thirty days\0credit the fee within ten days' > $C/word_diff/gap
printf '*Developer enablement* workshop\0*API integration* workshop' > $C/word_diff/emph
echo "seeded: $(find $C -type f | wc -l) files"
