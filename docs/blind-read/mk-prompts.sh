#!/bin/bash
# mk-prompts.sh N full|changed|compare MINUTES — write the readers' briefs for blind read N
# (full: four readers, customer A/B and vendor A/B; changed: one reader per side over
# X.changes.diff beside each draft; compare: preferred against fallback). Each reader gets
# only "Read <prompt> and do exactly what it says."
N=$1; K=$2; M=$3; ROOT=${BLIND_DIR:-/tmp/blind}; DIR=$ROOT/blind$N; D=$DIR/drafts
T=$(date -u -d "+$M min" +%H:%M); TP=$(dirname "$0")/prompts
case $K in
full)
  A="$D/bank-preferred.md, $D/bank-fallback.md, $D/bank-unit-markets-preferred.md, $D/minimal-preferred.md"
  B="$D/health-preferred.md, $D/health-fallback.md, $D/bank-unit-markets-fallback.md"
  for s in customer vendor; do for g in A B; do F=$A; [ $g = B ] && F=$B
    sed -e "s#__FILES__#$F#; s#__REPORT__#$DIR/report-$s-$g.md#; s#__TIME__#$T#" "$TP/full-$s.md" > "$DIR/prompt-$s-$g.md"; done; done;;
changed)
  for s in customer vendor; do
    if [ $s = customer ]; then BR="Read as the customer's counsel: find what would not protect the customer, contradict, or be read against it."; EX="**missing**, **number**"
    else BR="Read as the vendor's counsel: find what the vendor could exploit, and what it would strike as unworkable (say why)."; EX="**exploitable**, **unworkable**"; fi
    sed -e "s#__SIDE__#$s#; s#__DIR__#$D#g; s#__REPORT__#$DIR/report-$s.md#; s#__TIME__#$T#; s#__BRIEF__#$BR#; s#__EXTRA__#$EX#" "$TP/changed.md" > "$DIR/prompt-$s.md"; done;;
compare)
  sed -e "s#__DIR__#$D#g; s#__REPORT__#$DIR/report-compare.md#; s#__TIME__#$T#" "$TP/compare.md" > "$DIR/prompt-compare.md";;
esac
ls "$DIR"/prompt-*
