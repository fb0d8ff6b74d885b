package ui

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"

	"indsigt/format"
	"indsigt/ingest"
	"indsigt/model"
)

//go:embed templates
var templateFS embed.FS

// pageNames are the templates that render whole pages; each is parsed
// together with the layout and the partials.
var pageNames = []string{"login", "projects", "overview", "source", "search", "board", "insight", "progress", "reports", "error", "account", "admin_users",
	"review", "memos", "codebook", "participant", "audit",
	"across", "portfolio"}

// views holds every page template parsed once per language, since the
// message function t is bound to a language at parse time.
type views struct {
	pages map[string]map[string]*template.Template // lang → page → template
}

var keyRE = regexp.MustCompile(`\bt\s+"([^"]+)"`)

// templateKeys lists the message keys the templates use.
func templateKeys() (map[string][]string, error) {
	out := map[string][]string{}
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templateFS.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range keyRE.FindAllSubmatch(b, -1) {
			out[string(m[1])] = append(out[string(m[1])], p)
		}
		return nil
	})
	return out, err
}

// dynamicKeys are the message keys built at run time (from a role, a kind,
// an outcome…) or used from Go, which a scan of the templates cannot see.
func dynamicKeys() []string {
	keys := []string{"error.back", "error.home", "error.conflict", "error.csrf", "error.forbidden", "error.internal",
		"error.invalid", "error.nonotes", "error.notfound", "error.number", "error.reason", "error.upload"}
	for _, r := range []model.Role{model.RoleAdmin, model.RoleDesigner, model.RoleLead, model.RoleAnalyst} {
		keys = append(keys, "role."+string(r))
	}
	for _, k := range sourceKinds {
		keys = append(keys, "kind."+string(k))
	}
	for _, o := range []model.Outcome{model.OutcomeOpen, model.OutcomeConfirmed, model.OutcomeRefuted} {
		keys = append(keys, "outcome."+string(o))
	}
	for _, f := range facetParams {
		keys = append(keys, "facet."+f.facet)
	}
	for _, e := range exports {
		keys = append(keys, e.Key)
	}
	for _, r := range ingest.Reasons {
		keys = append(keys, "upload.reason."+r)
	}
	for _, st := range []string{"ingested", "duplicate", "failed"} {
		keys = append(keys, "upload.status."+st)
	}
	keys = append(keys, "codebook.match.phrase", "codebook.match.stem")
	for _, k := range model.MemoKinds {
		keys = append(keys, "memos.kind."+k)
	}
	for _, st := range model.NextSteps {
		keys = append(keys, "next."+string(st))
	}
	for _, r := range fieldRules {
		keys = append(keys, "field."+r)
	}
	keys = append(keys, fieldKeys...)
	keys = append(keys, accountKeys()...)
	keys = append(keys, reviewKeys()...)
	keys = append(keys, privacyKeys...)
	keys = append(keys, importKeys()...)
	return append(keys, "dir.up", "dir.down", "list.and")
}

func parseViews(msgs messages, as *assets) (*views, error) {
	keys, err := templateKeys()
	if err != nil {
		return nil, fmt.Errorf("ui: read templates: %w", err)
	}
	for _, k := range dynamicKeys() {
		keys[k] = append(keys[k], "ui/*.go")
	}
	var missing []string
	for k, files := range keys {
		for _, l := range langs {
			if _, ok := msgs[l][k]; !ok {
				missing = append(missing, fmt.Sprintf("%s:%s (%s)", l, k, files[0]))
			}
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, fmt.Errorf("ui: templates use message keys that are missing: %s", strings.Join(missing, ", "))
	}
	v := &views{pages: map[string]map[string]*template.Template{}}
	for _, l := range langs {
		base, err := template.New("layout").Funcs(funcs(l, msgs[l], as)).ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html")
		if err != nil {
			return nil, fmt.Errorf("ui: parse layout: %w", err)
		}
		v.pages[l] = map[string]*template.Template{}
		for _, name := range pageNames {
			t, err := template.Must(base.Clone()).ParseFS(templateFS, "templates/"+name+".html")
			if err != nil {
				return nil, fmt.Errorf("ui: parse page %s: %w", name, err)
			}
			if t.Lookup("content") == nil {
				return nil, fmt.Errorf("ui: page %s defines no content", name)
			}
			v.pages[l][name] = t
		}
	}
	return v, nil
}

func (v *views) render(w *bytes.Buffer, lang, page, tmpl string, data any) error {
	t, ok := v.pages[normLang(lang)][page]
	if !ok {
		return fmt.Errorf("ui: no page %q", page)
	}
	if err := t.ExecuteTemplate(w, tmpl, data); err != nil {
		return fmt.Errorf("ui: render %s: %w", page, err)
	}
	return nil
}

func funcs(lang string, msgs map[string]string, as *assets) template.FuncMap {
	return template.FuncMap{
		"t": func(key string) string {
			if s, ok := msgs[key]; ok {
				return s
			}
			return key // unreachable: parseViews checked every key
		},
		"tf": func(key string, args ...any) string {
			return fmt.Sprintf(msgs[key], args...)
		},
		// tn is tf for a count: n of 1 takes the message "<key>.one" when
		// there is one ("1 note", not "1 noter").
		"tn": func(key string, n any) string {
			if fmt.Sprint(n) == "1" {
				if s, ok := msgs[key+".one"]; ok {
					return s
				}
			}
			return fmt.Sprintf(msgs[key], n)
		},
		"asset": as.url,
		"date":  func(t time.Time) string { return formatDate(lang, t) },
		"datep": func(t *time.Time) string {
			if t == nil {
				return ""
			}
			return formatDate(lang, *t)
		},
		"isodate": func(t time.Time) string { return t.Format("2006-01-02") },
		"num":     func(v float64) string { return formatNumber(lang, v) },
		"nump": func(v *float64) string {
			if v == nil {
				return "–"
			}
			return formatNumber(lang, *v)
		},
		"mmss":       mmss,
		"phaseLabel": func(p model.Phase) string { return p.Label(lang) },
		"phases":     func() []model.Phase { return model.Phases },
		"lixLevel": func(v float64) string {
			if lang == "en" {
				return model.LIXLevelEN(v)
			}
			return model.LIXLevel(v)
		},
		"stanceForm": func(page view, noteID int64, stance string) stanceForm {
			iv, _ := page.D.(insightView)
			return stanceForm{Page: page, InsightID: iv.Insight.ID, NoteID: noteID, Stance: stance}
		},
		"kindLabel": func(k model.SourceKind) string { return msgs["kind."+string(k)] },
		"facetTerm": func(key, term string) string {
			switch key {
			case "source_kind":
				if s, ok := msgs["kind."+term]; ok {
					return s
				}
			case "phase":
				return model.Phase(term).Label(lang)
			}
			return term
		},
		"query":    url.QueryEscape,
		"savedURL": savedSearchURL,
		"path":     url.PathEscape,
		"add":      func(a, b int) int { return a + b },
		"join":     strings.Join,
		// andList writes words as a list in a sentence: "a, b og c".
		"andList": func(words []string) string { return andList(words, msgs["list.and"]) },
		"memo":    format.Memo,
		"deref":   func(p *int64) int64 { return *p },
	}
}

// stanceForm is the data of the button that flips an evidence note between
// supporting and contradicting its insight.
type stanceForm struct {
	Page      view
	InsightID int64
	NoteID    int64
	Stance    string
}
