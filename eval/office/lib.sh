# Shared by eval/office/make.sh, eval/enterprise/make.sh and the two
# measure.sh: sourced, it defines functions and runs nothing.

# lo_start NAME: fresh build/ docs/ ref/ plain/ in the current folder, and
# a LibreOffice profile of its own in /tmp (named after NAME, removed on
# exit), so that a LibreOffice running elsewhere on the machine is neither
# reused nor disturbed; then soffice and convert below use it.
lo_start() {
	src=src build=build docs=docs ref=ref plain=plain
	rm -rf "$build" "$docs" "$ref" "$plain"
	mkdir -p "$build" "$docs" "$ref" "$plain"
	profile=$(mktemp -d "/tmp/$1-lo-profile.XXXXXX")
	trap 'rm -rf "$profile"' EXIT
}
soffice() {
	# (its complaint that Java is missing is noise: no filter here needs Java)
	command soffice -env:UserInstallation="file://$profile" --headless --norestore "$@" >/dev/null 2> >(grep -v javaldx >&2 || true)
}
# convert IN OUTDIR FILTER [INFILTER]: one LibreOffice conversion.
convert() {
	local in=$1 out=$2 filter=$3 infilter=${4:-}
	if [ -n "$infilter" ]; then
		soffice --infilter="$infilter" --convert-to "$filter" --outdir "$out" "$in"
	else
		soffice --convert-to "$filter" --outdir "$out" "$in"
	fi
}

# lo_tools OUT: the shared converters (lotools.py, beside this file)
# followed by the caller's own Python from standard input, as one script.
lo_tools() {
	{
		cat "$(dirname "${BASH_SOURCE[0]}")/lotools.py"
		cat
	} >"$1"
}

# run CMD ARGS…: print the command as typed, run it, and a blank line (the
# measure.sh transcripts the READMEs quote).
run() {
	local a line='$'
	for a in "$@"; do
		case $a in *[\ {}]*) line+=" '$a'" ;; *) line+=" $a" ;; esac
	done
	echo "$line"
	"$@"
	echo
}

# qa NAME PATH…: the caller's $questions over a fresh knowledge base of
# PATHs (in /tmp/$kb_prefix-NAME.*, removed afterwards), asked with
# `$wenda eval qa` and $WENDA_QA_FLAGS when set (for example --json).
qa() {
	local data
	data=$(mktemp -d "/tmp/$kb_prefix-$1.XXXXXX")
	shift
	run "$wenda" --data "$data" ingest "$@"
	# shellcheck disable=SC2086
	run "$wenda" --data "$data" eval qa ${WENDA_QA_FLAGS:-} "$questions"
	rm -rf "$data"
}
