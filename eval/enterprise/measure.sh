#!/usr/bin/env bash
# Measures wenda on the enterprise set: all 447 questions over one
# knowledge base holding the three document sets (HR handbook, product
# manual, sales rulebook), one copy of each text, in two variants, each in
# a fresh data directory. Usage, from anywhere:
#
#   go build -o /tmp/wenda-ent ./cmd/wenda && bash eval/enterprise/measure.sh /tmp/wenda-ent
#
# Prints every command before its output (the figures in README.md were
# copied from this); WENDA_QA_FLAGS, when set, is passed to `eval qa`
# (for example --json).
set -euo pipefail
wenda=${1:-/tmp/wenda-ent}
case $wenda in /*) ;; *) wenda=$PWD/$wenda ;; esac
cd "$(dirname "$0")/../.."
e=eval/enterprise o=eval/office
. "$o/lib.sh" # run, qa
questions=$e/questions.tsv kb_prefix=enterprise-kb # qa NAME PATH…: them over a fresh knowledge base
# 1. text and Office files: the manual as hard-wrapped text, the rulebook
#    as DOCX with its workbook, the HR set as DOCX + XLSX + PPTX.
qa office \
	"$e/docs/sprucesync-manual.txt" \
	"$e/docs/sales-rules.docx" "$e/docs/sales-tables.xlsx" \
	"$o/docs/handbook.docx" "$o/docs/travel.xlsx" "$o/docs/onboarding.pptx"
# 2. the PDFs where there is one: the manual and the rulebook as PDF (the
#    workbook as XLSX), the handbook as PDF (travel.xlsx and
#    onboarding.pptx as they are: the slide PDF has no speaker notes).
qa pdf \
	"$e/docs/sprucesync-manual.pdf" \
	"$e/docs/sales-rules.pdf" "$e/docs/sales-tables.xlsx" \
	"$o/docs/handbook.pdf" "$o/docs/travel.xlsx" "$o/docs/onboarding.pptx"
