#!/usr/bin/env bash
# Measures wenda on the office corpus: questions over docs/ and over
# plain/ (each in a fresh data directory), and extraction of each file
# against its reference. Usage, from the repository root:
#
#   go build -o /tmp/wenda ./cmd/wenda && bash eval/office/measure.sh /tmp/wenda
#
# Prints every command before its output (the figures in README.md were
# copied from this).
set -euo pipefail
wenda=${1:-/tmp/wenda}
cd "$(dirname "$0")/../.."
o=eval/office
. "$o/lib.sh" # run, qa
questions=$o/questions.tsv kb_prefix=office-kb # qa NAME PATH…: them over a fresh knowledge base
# All of docs/ (each text there in two or three formats), the plain text,
# and each family alone (one copy of each text; the PDFs have no sheet).
qa docs "$o/docs"
qa plain "$o/plain"
qa ooxml "$o/docs/handbook.docx" "$o/docs/travel.xlsx" "$o/docs/onboarding.pptx"
qa odf "$o/docs/handbook.odt" "$o/docs/travel.ods" "$o/docs/onboarding.odp"
qa pdf "$o/docs/handbook.pdf" "$o/docs/onboarding.pdf"
for f in handbook.docx handbook.odt handbook.pdf travel.xlsx travel.ods onboarding.pptx onboarding.odp onboarding.pdf; do
	case $f in
	*.pdf) run "$wenda" eval extract --peer 'pdftotext -enc UTF-8 {} -' "$o/docs/$f" "$o/ref/$f.txt" ;;
	*) run "$wenda" eval extract "$o/docs/$f" "$o/ref/$f.txt" ;;
	esac
done
