package ingest

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"indsigt/ingest/parse"
	"indsigt/ingest/pii"
	"indsigt/model"
)

// Files expands paths (files or folders, walked recursively) into the
// files to ingest, in a stable order. Hidden files and Office lock files
// ("~$…") are left out: nobody means to ingest them.
func Files(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if path != p && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("ingest: %w", err)
		}
	}
	sort.Strings(out)
	return out, nil
}

// Paths ingests files one by one, each in its own transaction, and calls
// done after each. A bad file is reported by name and the rest still go in.
func (s *Service) Paths(ctx context.Context, p model.Project, files []string, opt Options, done func(Result)) []Result {
	results := make([]Result, 0, len(files))
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		r := s.path(ctx, p, f, opt)
		results = append(results, r)
		if done != nil {
			done(r)
		}
	}
	return results
}

func (s *Service) path(ctx context.Context, p model.Project, path string, opt Options) Result {
	fail := func(err error) Result {
		return Result{Name: path, Status: StatusFailed, Error: err.Error(), Reason: ReasonOf(err)}
	}
	st, err := os.Stat(path)
	if err != nil {
		return fail(err)
	}
	if st.Size() > s.limits.MaxFileBytes {
		return fail(fmt.Errorf("file is %d bytes, more than the limit of %d", st.Size(), s.limits.MaxFileBytes))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fail(err)
	}
	r := s.File(ctx, p, filepath.Base(path), data, opt)
	r.Name = path
	return r
}

// Uploads ingests the files of a multipart upload one by one, like Paths.
// The notes of all its files together are bounded by MaxNotesPerUpload:
// a file that would cross it fails whole, and later files may still fit.
func (s *Service) Uploads(ctx context.Context, p model.Project, files []*multipart.FileHeader, opt Options) []Result {
	results := make([]Result, 0, len(files))
	left := s.perUpload()
	for _, fh := range files {
		data, err := readUpload(fh, s.limits.MaxFileBytes)
		if err != nil {
			results = append(results, Result{Name: maskName(fh.Filename, opt), Status: StatusFailed, Error: err.Error(), Reason: ReasonOf(err)})
			continue
		}
		r, src := s.fileWithin(ctx, p, fh.Filename, data, opt, left)
		left -= r.Notes
		// The answer names the file as it is stored, pseudonymized: a
		// file name often names the citizen ("telefon-karen.txt"), and an
		// answer is shown, logged and screen-shared like any page.
		if src.Filename != "" {
			r.Name = src.Filename
		} else {
			r.Name = maskName(fh.Filename, opt)
		}
		results = append(results, r)
	}
	return results
}

// maskName replaces the personal data in the name of a file that was not
// stored by the kind's label ("[Borger]"), without coding it: nothing of a
// failed file is written.
func maskName(name string, opt Options) string {
	f := pii.NewFinder(opt.Participants)
	return pii.Replace(name, f.FindInName(name), func(m pii.Match) string { return "[" + pii.Label(m.Kind) + "]" })
}

// perUpload is the notes limit of one upload.
func (s *Service) perUpload() int {
	if n := s.limits.MaxNotesPerUpload; n > 0 {
		return n
	}
	return parse.DefaultLimits().MaxNotesPerUpload
}

func readUpload(fh *multipart.FileHeader, limit int64) ([]byte, error) {
	if fh.Size > limit {
		return nil, fmt.Errorf("file is %d bytes, more than the limit of %d", fh.Size, limit)
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit+1))
}
