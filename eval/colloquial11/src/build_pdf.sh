#!/bin/sh
# HTML -> ODT (LibreOffice Writer) -> turn off Asian/Latin autospace -> PDF.
# Direct HTML->PDF works too, but LibreOffice's default "ideograph-alpha"
# autospace makes pdftotext insert spaces between digits and CJK (e.g. "48 小时").
set -e
SRC="$(cd "$(dirname "$0")" && pwd)"
W=$(mktemp -d)
cp "$SRC/食品安全与门店运营规范.html" "$W/"
cd "$W"
soffice --headless --infilter="HTML (StarWriter)" --convert-to odt 食品安全与门店运营规范.html
mkdir x && cd x && unzip -q ../食品安全与门店运营规范.odt
sed -i 's/autospace="ideograph-alpha"/autospace="none"/g' styles.xml
rm ../食品安全与门店运营规范.odt
zip -q -X -0 ../食品安全与门店运营规范.odt mimetype
zip -q -X -r ../食品安全与门店运营规范.odt . -x mimetype
cd .. && soffice --headless --convert-to pdf 食品安全与门店运营规范.odt
cp 食品安全与门店运营规范.pdf "$SRC/../docs/"
rm -rf "$W"
