"""Writing the generated documents the colloquial sets share: the flat ODS
a set's src/make_xlsx.py writes for LibreOffice Calc to turn into its XLSX
workbook (write_fods; colloquial17 onwards), and the flat ODP its
src/make_fodp.py writes for LibreOffice Impress to turn into its PPTX training
deck (write_fodp, title and outline placeholders on each slide, speaker notes
in the notes placeholder; colloquial20 onwards; colloquial16's own deck writer
takes NS). Each set's script holds its own sheets or slides and calls
write_fods or write_fodp; its src/build.sh runs the conversions (for
colloquial18 onwards with the steps of eval/colloquialbuild.sh).

Standard library only.
"""
from xml.sax.saxutils import escape


# ---------------------------------------------------------------- workbook (flat ODS)

def cell(v):
    if v is None:
        return '<table:table-cell/>'
    if isinstance(v, (int, float)):
        return ('<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>'
                % (v, v))
    return '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % escape(v)


def write_fods(out, sheets):
    """Writes the flat ODS of a workbook: sheets are (name, header, rows);
    a number is a numeric cell, None an empty cell, anything else a string
    cell."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
             'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
             'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">',
             '<office:body><office:spreadsheet>']
    for name, header, rows in sheets:
        parts.append('<table:table table:name="%s">' % escape(name))
        for r in [header] + rows:
            parts.append('<table:table-row>' + ''.join(cell(v) for v in r) + '</table:table-row>')
        parts.append('</table:table>')
    parts.append('</office:spreadsheet></office:body></office:document>')
    with open(out, 'w', encoding='utf-8') as f:
        f.write('\n'.join(parts) + '\n')


# ---------------------------------------------------------------- training deck (flat ODP)

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"')


def page(i, title, bullets, notes):
    items = ''.join('<text:list-item><text:p>%s</text:p></text:list-item>' % escape(b) for b in bullets)
    note = ''.join('<text:p>%s</text:p>' % escape(n) for n in notes)
    return (
        '<draw:page draw:name="slide%d" draw:master-page-name="Default" '
        'presentation:presentation-page-layout-name="AL1T1">' % i
        + '<draw:frame presentation:style-name="Default-title" draw:layer="layout" presentation:class="title" '
          'svg:x="1cm" svg:y="0.6cm" svg:width="26cm" svg:height="2.4cm">'
          '<draw:text-box><text:p>%s</text:p></draw:text-box></draw:frame>' % escape(title)
        + '<draw:frame presentation:style-name="Default-outline1" draw:layer="layout" presentation:class="outline" '
          'svg:x="1.5cm" svg:y="3.5cm" svg:width="25cm" svg:height="11cm">'
          '<draw:text-box><text:list>%s</text:list></draw:text-box></draw:frame>' % items
        + '<presentation:notes>'
          '<draw:page-thumbnail draw:layer="layout" presentation:class="page" svg:x="2cm" svg:y="2cm" '
          'svg:width="17cm" svg:height="9.6cm" draw:page-number="%d"/>' % i
        + '<draw:frame presentation:style-name="Default-notes" draw:layer="layout" presentation:class="notes" '
          'svg:x="2cm" svg:y="12.5cm" svg:width="17cm" svg:height="13cm">'
          '<draw:text-box>%s</draw:text-box></draw:frame>' % note
        + '</presentation:notes></draw:page>')


def write_fodp(out, slides):
    """Writes the flat ODP of a deck: slides are (title, bullets, notes paragraphs)."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<office:document %s office:version="1.3" '
             'office:mimetype="application/vnd.oasis.opendocument.presentation">' % NS,
             '<office:styles>'
             '<style:style style:name="Default-title" style:family="presentation">'
             '<style:paragraph-properties fo:text-align="start"/>'
             '<style:text-properties fo:font-size="32pt" style:font-size-asian="32pt"/></style:style>'
             '<style:style style:name="Default-outline1" style:family="presentation">'
             '<style:text-properties fo:font-size="24pt" style:font-size-asian="24pt"/></style:style>'
             '<style:style style:name="Default-notes" style:family="presentation">'
             '<style:text-properties fo:font-size="14pt" style:font-size-asian="14pt"/></style:style>'
             '</office:styles>',
             '<office:automatic-styles><style:page-layout style:name="PM1"><style:page-layout-properties '
             'fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" '
             'fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/>'
             '</style:page-layout>'
             '<style:page-layout style:name="PM0"><style:page-layout-properties '
             'fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" '
             'fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait"/>'
             '</style:page-layout></office:automatic-styles>',
             '<office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1">'
             '<draw:frame presentation:style-name="Default-title" draw:layer="backgroundobjects" '
             'presentation:class="title" presentation:placeholder="true" '
             'svg:x="1cm" svg:y="0.6cm" svg:width="26cm" svg:height="2.4cm"><draw:text-box/></draw:frame>'
             '<draw:frame presentation:style-name="Default-outline1" draw:layer="backgroundobjects" '
             'presentation:class="outline" presentation:placeholder="true" '
             'svg:x="1.5cm" svg:y="3.5cm" svg:width="25cm" svg:height="11cm"><draw:text-box/></draw:frame>'
             '<presentation:notes style:page-layout-name="PM0">'
             '<draw:page-thumbnail draw:layer="backgroundobjects" presentation:class="page" '
             'svg:x="2cm" svg:y="2cm" svg:width="17cm" svg:height="9.6cm"/>'
             '<draw:frame presentation:style-name="Default-notes" draw:layer="backgroundobjects" '
             'presentation:class="notes" presentation:placeholder="true" '
             'svg:x="2cm" svg:y="12.5cm" svg:width="17cm" svg:height="13cm"><draw:text-box/></draw:frame>'
             '</presentation:notes></style:master-page></office:master-styles>',
             '<office:body><office:presentation>']
    for i, (title, bullets, notes) in enumerate(slides, 1):
        parts.append(page(i, title, bullets, notes))
    parts.append('</office:presentation></office:body></office:document>')
    with open(out, 'w', encoding='utf-8') as f:
        f.write('\n'.join(parts) + '\n')

