package shp

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// decoder returns the text decoding of a .dbf: from its .cpg file when
// there is one, else from the language-driver byte; nil means UTF-8.
func decoder(cpg, dbf []byte) (*encoding.Decoder, error) {
	if cpg != nil {
		name := strings.ToUpper(strings.TrimSpace(string(cpg)))
		name = strings.TrimPrefix(strings.TrimPrefix(name, "ANSI "), "CP")
		switch strings.ReplaceAll(strings.ReplaceAll(name, "-", ""), "_", "") {
		case "UTF8", "65001":
			return nil, nil
		case "1252", "WINDOWS1252":
			return charmap.Windows1252.NewDecoder(), nil
		case "88591", "ISO88591", "LATIN1":
			return charmap.ISO8859_1.NewDecoder(), nil
		case "437", "OEM437", "IBM437":
			return charmap.CodePage437.NewDecoder(), nil
		case "850", "OEM850", "IBM850":
			return charmap.CodePage850.NewDecoder(), nil
		}
		return nil, fmt.Errorf("halaman kode %q tidak dikenal (yang dibaca: UTF-8, 1252, ISO-8859-1, 437, 850)", strings.TrimSpace(string(cpg)))
	}
	if len(dbf) > 29 {
		switch dbf[29] {
		case 0x01:
			return charmap.CodePage437.NewDecoder(), nil
		case 0x02:
			return charmap.CodePage850.NewDecoder(), nil
		case 0x03, 0x57:
			return charmap.Windows1252.NewDecoder(), nil
		}
	}
	return nil, nil
}

// readDbf reads the records of a .dbf as text by field name: text in the
// decoding given (UTF-8 when nil; invalid UTF-8 is then read as Windows
// 1252), numbers as written, empty values left out.
func readDbf(b []byte, dec *encoding.Decoder) ([]map[string]string, error) {
	if len(b) < 32 {
		return nil, errors.New("terlalu pendek untuk kepala berkas dBase")
	}
	n := int(binary.LittleEndian.Uint32(b[4:]))
	hdr := int(binary.LittleEndian.Uint16(b[8:]))
	size := int(binary.LittleEndian.Uint16(b[10:]))
	if hdr < 33 || hdr > len(b) || size < 1 {
		return nil, fmt.Errorf("kepala berkas dBase tidak sah (panjang kepala %d, panjang baris %d)", hdr, size)
	}
	if n > (len(b)-hdr)/size {
		return nil, fmt.Errorf("kepala menyebut %d baris, tetapi berkas hanya memuat %d", n, (len(b)-hdr)/size)
	}
	type field struct {
		name     string
		typ      byte
		off, len int
	}
	var fields []field
	off := 1 // the deletion flag
	for p := 32; p+32 <= hdr && b[p] != 0x0d; p += 32 {
		d := b[p : p+32]
		name := string(d[:11])
		if i := strings.IndexByte(name, 0); i >= 0 {
			name = name[:i]
		}
		f := field{name: strings.TrimSpace(name), typ: d[11], off: off, len: int(d[16])}
		off += f.len
		fields = append(fields, f)
	}
	if off > size {
		return nil, fmt.Errorf("kolom-kolom (%d bita) lebih panjang dari baris (%d bita)", off, size)
	}
	recs := make([]map[string]string, n)
	for i := range n {
		rec := b[hdr+i*size : hdr+(i+1)*size]
		m := make(map[string]string, len(fields))
		for _, f := range fields {
			raw := rec[f.off : f.off+f.len]
			var v string
			switch f.typ {
			case 'C':
				v = decode(raw, dec)
			case 'N', 'F':
				v = strings.TrimSpace(string(raw))
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					v = strconv.FormatFloat(x, 'f', -1, 64)
				}
			default:
				v = strings.TrimSpace(string(raw))
			}
			if v != "" {
				m[f.name] = v
			}
		}
		recs[i] = m
	}
	return recs, nil
}

func decode(raw []byte, dec *encoding.Decoder) string {
	if dec == nil {
		if utf8.Valid(raw) {
			return strings.TrimSpace(string(raw))
		}
		dec = charmap.Windows1252.NewDecoder()
	}
	s, err := dec.Bytes(raw)
	if err != nil {
		return strings.TrimSpace(string(raw))
	}
	return strings.TrimSpace(string(s))
}
