#!/usr/bin/env python3
"""Set style:text-autospace="none" in every paragraph style of an ODT, so that
LibreOffice does not insert extra space between Chinese characters and digits
or Latin letters (pdftotext would otherwise show e.g. "第 3 版")."""
import re
import shutil
import sys
import zipfile

def fix(xml: str) -> str:
    xml = xml.replace('style:text-autospace="ideograph-alpha"', 'style:text-autospace="none"')
    def add(m):
        tag = m.group(0)
        if "text-autospace" in tag:
            return tag
        return tag.replace("<style:paragraph-properties", '<style:paragraph-properties style:text-autospace="none"', 1)
    return re.sub(r"<style:paragraph-properties\b[^>]*>", add, xml)

def main(path: str) -> None:
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in ("styles.xml", "content.xml"):
                data = fix(data.decode("utf-8")).encode("utf-8")
            # mimetype must stay first and uncompressed
            ctype = zipfile.ZIP_STORED if item.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zout.writestr(item, data, compress_type=ctype)
    shutil.move(tmp, path)

if __name__ == "__main__":
    main(sys.argv[1])
