#!/bin/sh
# Rebuild all three documents in ../docs from the sources in this folder.
# LibreOffice runs one after the other (the machine has 2 shared cores).
set -e
cd "$(dirname "$0")"
./make_docx.sh                # 员工制度.html  -> ../docs/员工制度.docx
python3 make_xlsx.py          # make_xlsx.py    -> 收费与提成.fods -> ../docs/收费与提成.xlsx
python3 wrap.py               # 预约系统操作手册.unwrapped.txt -> ../docs/预约系统操作手册.txt
