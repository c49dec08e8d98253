package corpora

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Office documents, PDF and EPUB: binary files, recognized by their
// content (a .docx named .doc is read as the DOCX it is), each read into
// one Document whose Parts say where its text stands.

var (
	// ErrLegacy: a binary Office file of the 1997–2003 formats.
	ErrLegacy = errors.New("legacy binary Office format (.doc/.xls/.ppt) is not read: save it as .docx/.xlsx/.pptx")
	// ErrEncrypted: a password-protected file.
	ErrEncrypted = errors.New("encrypted: save a copy without a password")
	// ErrNoTextLayer: a PDF whose pages are images (a scan).
	ErrNoTextLayer = errors.New("no text layer — OCR is not supported")
	// ErrTooLarge: a zip whose entries would unpack past the limits (a
	// zip bomb, or a document far past any handbook's size).
	ErrTooLarge = errors.New("too large when unpacked")
	// ErrDamagedFile: a file of a known kind whose structure cannot be
	// read (truncated, corrupt).
	ErrDamagedFile = errors.New("damaged or truncated")
)

// Limits on what a zip-based document may unpack to.
const (
	MaxZipEntries  = 20000     // entries in the archive
	MaxUnpacked    = 512 << 20 // bytes, all entries read
	MaxEntry       = 128 << 20 // bytes, one entry
	MaxCompression = 200       // unpacked/packed ratio of an entry larger than 1 MB
)

// officeExts are the extensions ReadFile opens as binary documents (and
// reads by content: the extension only says to look).
var officeExts = map[string]bool{
	".pdf": true, ".docx": true, ".xlsx": true, ".pptx": true, ".docm": true, ".xlsm": true, ".pptm": true,
	".odt": true, ".ods": true, ".odp": true, ".epub": true,
	".doc": true, ".xls": true, ".ppt": true, ".wps": true, ".et": true, ".dps": true,
}

// Sniff names the kind of a binary document from its first bytes: "pdf",
// "zip" (Office Open XML, OpenDocument, EPUB), "ole" (legacy Office, and
// the encrypted OOXML that Office wraps in the same container), or "".
func Sniff(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return "zip"
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return "ole"
	}
	// A PDF may have bytes before its header (up to 1 KB, readers allow).
	if i := bytes.Index(head[:min(len(head), 1024)], []byte("%PDF-")); i >= 0 {
		return "pdf"
	}
	return ""
}

// zipKind names what a zip holds: "docx", "xlsx", "pptx", "odt", "ods",
// "odp", "epub", or "" for an archive of something else.
func zipKind(z *Zip) string {
	if m, err := z.Read("mimetype"); err == nil {
		switch strings.TrimSpace(string(m)) {
		case "application/vnd.oasis.opendocument.text":
			return "odt"
		case "application/vnd.oasis.opendocument.spreadsheet":
			return "ods"
		case "application/vnd.oasis.opendocument.presentation":
			return "odp"
		case "application/epub+zip":
			return "epub"
		}
	}
	switch {
	case z.Has("word/document.xml"):
		return "docx"
	case z.Has("xl/workbook.xml"):
		return "xlsx"
	case z.Has("ppt/presentation.xml"):
		return "pptx"
	}
	return ""
}

// zipReaders read each kind of zip-based document; filled by the files
// that implement them.
var zipReaders = map[string]func(f File, z *Zip) (Document, error){}

// pdfReader reads a PDF; set by the file that implements it.
var pdfReader func(f File, raw []byte) (Document, error)

// parseBinary reads a binary document by its content.
func parseBinary(f File, raw []byte) ([]Document, error) {
	var (
		d   Document
		err error
	)
	switch kind := Sniff(raw); kind {
	case "pdf":
		if pdfReader == nil {
			return nil, fmt.Errorf("PDF: %w", ErrUnsupported)
		}
		d, err = pdfReader(f, raw)
	case "ole":
		if isEncryptedOOXML(raw) {
			return nil, ErrEncrypted
		}
		return nil, ErrLegacy
	case "zip":
		z, zerr := OpenZip(raw)
		if zerr != nil {
			return nil, zerr
		}
		k := zipKind(z)
		read := zipReaders[k]
		if read == nil {
			if k == "" {
				return nil, fmt.Errorf("a zip archive, not a document: %w", ErrUnsupported)
			}
			return nil, fmt.Errorf("%s: %w", k, ErrUnsupported)
		}
		d, err = read(f, z)
	default:
		ext := strings.ToLower(filepath.Ext(f.Path))
		if ext == ".doc" || ext == ".xls" || ext == ".ppt" {
			// Word 2003 XML, RTF, HTML saved as .doc … : not read either.
			return nil, fmt.Errorf("not a %s file wenda reads: %w", ext, ErrLegacy)
		}
		return nil, fmt.Errorf("not a %s file (its first bytes say neither PDF nor zip): %w", ext, ErrDamagedFile)
	}
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(d.Text) == "" {
		return nil, fmt.Errorf("no text: %w", ErrEmpty)
	}
	d.ID, d.Source = f.ID, f.Path
	if d.Title == "" {
		d.Title = baseTitle(f.ID)
	}
	return []Document{d}, nil
}

// isEncryptedOOXML reports an OLE container holding an encrypted Office
// Open XML package (its streams are named EncryptionInfo and
// EncryptedPackage, in UTF-16).
func isEncryptedOOXML(raw []byte) bool {
	name := []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")
	return bytes.Contains(raw[:min(len(raw), 1<<20)], name)
}

// Zip is a zip archive read with limits: no entry may unpack past
// MaxEntry or MaxCompression times its packed size, all of them together
// past MaxUnpacked, and the archive may hold at most MaxZipEntries.
type Zip struct {
	r      *zip.Reader
	files  map[string]*zip.File
	budget int64 // bytes still allowed to unpack
}

// OpenZip opens a zip archive held in memory.
func OpenZip(raw []byte) (*Zip, error) {
	r, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, fmt.Errorf("zip: %v: %w", err, ErrDamagedFile)
	}
	if len(r.File) > MaxZipEntries {
		return nil, fmt.Errorf("%d entries (at most %d): %w", len(r.File), MaxZipEntries, ErrTooLarge)
	}
	z := &Zip{r: r, files: make(map[string]*zip.File, len(r.File)), budget: MaxUnpacked}
	for _, f := range r.File {
		z.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	return z, nil
}

// Has reports whether the archive holds an entry (names as in the zip,
// without a leading slash).
func (z *Zip) Has(name string) bool { _, ok := z.files[name]; return ok }

// Names lists the entries in the archive's order.
func (z *Zip) Names() []string {
	out := make([]string, 0, len(z.r.File))
	for _, f := range z.r.File {
		out = append(out, f.Name)
	}
	return out
}

// Read unpacks one entry, within the limits: ErrTooLarge when past them,
// ErrDamagedFile when the entry cannot be read or is absent (a part the
// document needs is missing; test optional ones with Has first).
func (z *Zip) Read(name string) ([]byte, error) {
	f := z.files[strings.TrimPrefix(name, "/")]
	if f == nil {
		return nil, fmt.Errorf("zip: %s: %w", name, errNoEntry)
	}
	limit := min(int64(MaxEntry), z.budget)
	if packed := int64(f.CompressedSize64); packed > 0 && packed*MaxCompression > 1<<20 {
		limit = min(limit, packed*MaxCompression)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("zip: %s: %v: %w", name, err, ErrDamagedFile)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("zip: %s: %v: %w", name, err, ErrDamagedFile)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("zip: %s unpacks past %d MB: %w", name, limit>>20, ErrTooLarge)
	}
	z.budget -= int64(len(b))
	return b, nil
}

var errNoEntry = fmt.Errorf("no such entry: %w", ErrDamagedFile)
