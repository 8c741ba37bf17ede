package ui

import (
	"embed"
	"encoding/json"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// The interface speaks Bahasa Indonesia, or English when the system
// language is English. Every string it shows goes through Fyne's lang
// package: lang.L, lang.N for counts, or tr for strings that come from
// elsewhere. The keys are the Indonesian texts themselves, so the code
// reads as the interface does; translations/en.json gives the English of
// every key. Numbers, money and dates keep the Indonesian format (idfmt)
// in both languages.
//
// Fyne picks the translation table nearest the system locale and falls
// back to English, both for a locale it has no table for and for a key
// missing from the chosen language. So Indonesian is made the default
// explicitly: unless the system speaks English, a table mapping every key
// to itself is registered (lang.AddTranslationsForLocale) under the
// system's own language tag, which Fyne's localizer then chooses.
// translations/id.json adds Indonesian for Fyne's own strings (the Batal,
// Ya and Tidak of its dialogs).
//
//go:embed translations
var translations embed.FS

var (
	// keys holds the key of every translation: the Indonesian strings.
	keys map[string]bool
	// The tables registered with Fyne: en.json, and every key to itself
	// with id.json's Indonesian for Fyne's own strings.
	enTable, idTable []byte
)

// languageOnce loads the tables and chooses the language once, when the
// first window opens: the command line never touches Fyne's translations
// (they log about the locale on stderr).
var languageOnce sync.Once

// ensureLanguage loads the translation tables and makes the interface
// speak the system's language (English) or Indonesian.
func ensureLanguage() {
	languageOnce.Do(func() { chooseLanguage(systemLanguage() == "en") })
}

// loadTables reads en.json for the keys and builds the Indonesian tables:
// idTable maps every key to itself (a plural key to itself in every
// plural form) and adds id.json's Indonesian for Fyne's own strings.
func loadTables() error {
	var err error
	if enTable, err = translations.ReadFile("translations/en.json"); err != nil {
		return err
	}
	var en map[string]json.RawMessage
	if err := json.Unmarshal(enTable, &en); err != nil {
		return err
	}
	keys = make(map[string]bool, len(en))
	self := make(map[string]any, len(en))
	for k, v := range en {
		keys[k] = true
		self[k] = k
		if len(v) > 0 && v[0] == '{' {
			self[k] = map[string]string{"zero": k, "one": k, "two": k, "few": k, "many": k, "other": k}
		}
	}
	fyneID, err := translations.ReadFile("translations/id.json")
	if err != nil {
		return err
	}
	var builtin map[string]any
	if err := json.Unmarshal(fyneID, &builtin); err != nil {
		return err
	}
	for k, v := range builtin {
		self[k] = v
	}
	idTable, err = json.Marshal(self)
	return err
}

// setLanguage makes the interface speak English or Indonesian from now on;
// strings already on screen stay as they are. Tests use it to choose the
// language whatever the system's (English forced on a system in another
// language keeps that language's plural rules: "1 villages").
func setLanguage(en bool) {
	languageOnce.Do(func() {}) // the choice is made: ensureLanguage keeps it
	chooseLanguage(en)
}

// chooseLanguage registers the tables for English or Indonesian.
func chooseLanguage(en bool) {
	if keys == nil {
		if err := loadTables(); err != nil {
			fyne.LogError("Reading pocketmap's translations", err)
		}
	}
	// Fyne's localizer chooses the tag nearest the system locale among
	// those registered: the language, or language and region where Fyne
	// has a regional file (pt-BR).
	loc := string(lang.SystemLocale()) // "id-ID", "en-US"; "en" when none is set
	base, _, _ := strings.Cut(loc, "-")
	if strings.Count(loc, "-") != 1 {
		loc = base
	}
	add := func(table []byte, tags ...string) {
		for _, t := range slices.Compact(tags) {
			if err := lang.AddTranslationsForLocale(table, fyne.Locale(t)); err != nil {
				fyne.LogError("Registering pocketmap's translations for "+t, err)
			}
		}
	}
	switch {
	case en:
		add(enTable, "en", base, loc)
	case base == "en":
		// No language set (LANG=C, a fresh install) or an English system
		// overridden: Fyne chose English, so Indonesian is registered
		// under English too, Fyne's own strings (Batal, Buka, Keluar in
		// its file dialogs and menus) as well as ours.
		add(idTable, "en", loc, "id")
	default:
		add(idTable, "id", base, loc)
	}
}

// systemLanguage returns the language of the user's locale as Fyne reads
// it ("en", "id", …), or "" when the locale names no language: the POSIX
// "C" locale or none set, which Fyne takes for English but which should
// leave pocketmap in Indonesian.
func systemLanguage() string {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "android", "js":
	default:
		if !unixLocaleSet() {
			return ""
		}
	}
	base, _, _ := strings.Cut(string(lang.SystemLocale()), "-")
	return base
}

// unixLocaleSet reports whether the environment names a language, as
// gettext (and go-locale, which Fyne uses) reads it.
func unixLocaleSet() bool {
	v := ""
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v = os.Getenv(env); v != "" {
			break
		}
	}
	if v != "C" && v != "POSIX" {
		if l := os.Getenv("LANGUAGE"); l != "" {
			v = l
		}
	}
	v, _, _ = strings.Cut(v, ".")
	return v != "" && v != "C" && v != "POSIX"
}

// tr translates s when it is one of the keys and returns it unchanged
// otherwise: for strings from other packages and from the data (programme
// and agency names), only some of which have a translation.
func tr(s string) string {
	if keys[s] {
		return lang.L(s)
	}
	return s
}

// trAll translates the option keys of a select or radio group.
func trAll(ks ...string) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = tr(k)
	}
	return out
}

// keyOf returns the key among ks that is shown as label, or label itself:
// the code reads selects and radio groups by key, whatever the language.
func keyOf(label string, ks ...string) string {
	for _, k := range ks {
		if tr(k) == label {
			return k
		}
	}
	return label
}
