import os
# Extract plain text from the three documents (stdlib only).
import zipfile, re, sys, xml.etree.ElementTree as ET
D=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'docs') + '/'
NS={'m':'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
    'w':'http://schemas.openxmlformats.org/wordprocessingml/2006/main'}
def docx_text(p):
    z=zipfile.ZipFile(p); root=ET.fromstring(z.read('word/document.xml'))
    out=[]
    for para in root.iter('{%s}p'%NS['w']):
        out.append(''.join(t.text or '' for t in para.iter('{%s}t'%NS['w'])))
    return '\n'.join(out)
def xlsx_text(p):
    z=zipfile.ZipFile(p)
    ss=[]
    if 'xl/sharedStrings.xml' in z.namelist():
        r=ET.fromstring(z.read('xl/sharedStrings.xml'))
        for si in r.findall('m:si',NS):
            ss.append(''.join(t.text or '' for t in si.iter('{%s}t'%NS['m'])))
    wb=ET.fromstring(z.read('xl/workbook.xml'))
    names=[s.get('name') for s in wb.find('m:sheets',NS)]
    out=[]
    for i,n in enumerate(names,1):
        out.append('## '+n)
        sh=ET.fromstring(z.read(f'xl/worksheets/sheet{i}.xml'))
        for row in sh.iter('{%s}row'%NS['m']):
            cells=[]
            for c in row.findall('m:c',NS):
                v=c.find('m:v',NS); t=c.get('t')
                if t=='s': cells.append(ss[int(v.text)])
                elif t=='inlineStr': cells.append(''.join(x.text or '' for x in c.iter('{%s}t'%NS['m'])))
                elif v is not None:
                    x=v.text
                    if re.fullmatch(r'-?\d+\.0+',x): x=x.split('.')[0]
                    cells.append(x)
                else: cells.append('')
            out.append('\t'.join(cells))
    return '\n'.join(out)
def all_texts():
    return {'员工手册.docx':docx_text(D+'员工手册.docx'),
            '课时与收费标准.xlsx':xlsx_text(D+'课时与收费标准.xlsx'),
            '教务系统操作手册.txt':open(D+'教务系统操作手册.txt',encoding='utf-8').read()}
if __name__=='__main__':
    f=sys.argv[1]
    print(docx_text(D+f) if f.endswith('docx') else xlsx_text(D+f))
