package search

import "context"

// rebuildPage is how many notes a rebuild reads from the store and hands
// to Bleve at a time. Larger than the change-log batches: each Bleve batch
// becomes one segment that the merger later rewrites, so fewer, larger
// segments mean less merging, and each page costs the store four queries.
const rebuildPage = 5000

// docPage is one page of documents read for a rebuild, or the error that
// ended the reading.
type docPage struct {
	docs []NoteDoc
	err  error
}

// readPages sends the documents of the notes that ids pages through, a
// page at a time, until the pages end, an error occurs or ctx ends. It runs
// in a goroutine of its own, so that reading the store and building the
// documents overlap with Bleve indexing the page before.
func (x *Indexer) readPages(ctx context.Context, ids func(after int64) ([]int64, error), out chan<- docPage) {
	defer close(out)
	var after int64
	for {
		page, err := ids(after)
		var docs []NoteDoc
		if err == nil && len(page) > 0 {
			docs, err = x.docsOf(ctx, page)
		}
		if err == nil && len(page) == 0 {
			return
		}
		select {
		case out <- docPage{docs: docs, err: err}:
		case <-ctx.Done():
			return
		}
		if err != nil {
			return
		}
		after = page[len(page)-1]
	}
}

func (x *Indexer) docsOf(ctx context.Context, ids []int64) ([]NoteDoc, error) {
	notes, err := x.store.IndexNotes(ctx, ids)
	if err != nil {
		return nil, err
	}
	docs := make([]NoteDoc, len(notes))
	for i, n := range notes {
		docs[i] = docOf(n)
	}
	return docs, nil
}

// pipeline reads pages with readPages and gives each to write, in order,
// while the next page is being read.
func (x *Indexer) pipeline(ctx context.Context, ids func(after int64) ([]int64, error), write func([]NoteDoc) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan docPage, 1)
	go x.readPages(ctx, ids, pages)
	for p := range pages {
		if p.err != nil {
			return p.err
		}
		if err := write(p.docs); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// allNotes pages through every note id for a full rebuild.
func (x *Indexer) allNotes(ctx context.Context) func(after int64) ([]int64, error) {
	return func(after int64) ([]int64, error) { return x.store.AllNoteIDs(ctx, after, rebuildPage) }
}

// projectNotes pages through one project's note ids.
func (x *Indexer) projectNotes(ctx context.Context, projectID int64) func(after int64) ([]int64, error) {
	return func(after int64) ([]int64, error) {
		return x.store.ProjectNoteIDs(ctx, projectID, after, rebuildPage)
	}
}
