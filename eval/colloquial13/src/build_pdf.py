#!/usr/bin/env python3
"""HTML -> ODT -> PDF for 施工安全管理规定, run from this folder.

LibreOffice's direct HTML->PDF export (and a plain HTML->ODT->PDF round trip)
puts visible gaps between digits and Chinese characters, which pdftotext
turns into spaces ("不少于 24 学时").  The gap comes from the Asian/Western
autospacing paragraph property, so the ODT's styles are patched to
style:text-autospace="none" before exporting the PDF.
"""
import os, shutil, subprocess, tempfile, zipfile

NAME = "施工安全管理规定"
tmp = tempfile.mkdtemp(prefix="coll13_")
soffice = ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless"]

subprocess.run(soffice + ["--convert-to", "odt:writerweb8_writer", "--outdir", tmp,
                          NAME + ".html"], check=True)
src, fixed = f"{tmp}/{NAME}.odt", f"{tmp}/fixed/{NAME}.odt"
os.makedirs(f"{tmp}/fixed")
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(fixed, "w") as zo:
    for info in zi.infolist():
        data = zi.read(info.filename)
        if info.filename == "styles.xml":
            data = data.decode().replace('style:text-autospace="ideograph-alpha"',
                                         'style:text-autospace="none"').encode()
        method = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
        zo.writestr(info, data, compress_type=method)
subprocess.run(soffice + ["--convert-to", "pdf", "--outdir", f"{tmp}/fixed", fixed], check=True)
shutil.copy(f"{tmp}/fixed/{NAME}.pdf", f"../docs/{NAME}.pdf")
shutil.rmtree(tmp)
print("wrote ../docs/" + NAME + ".pdf")
