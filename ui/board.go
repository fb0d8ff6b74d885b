package ui

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"indsigt/app"
	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
)

// Bounds of the board, so a large project still renders quickly.
const (
	maxCards        = 20
	maxCardNotes    = 10
	boardSearchSize = 200
)

type boardView struct {
	Query    string
	Cards    []cardView
	Insights []model.Insight
	Moves    []string // the m parameters in force, kept by every move form
	NotReady bool
	// Computing means the project's first clustering still runs; the page asks again.
	Computing bool
}

type cardView struct {
	Key          int
	Label        []string
	Title        string
	Notes        []model.Note
	Hidden       int
	Participants int
	Sources      int
	Targets      []int // other cards a note can move to
}

func (h *handlers) board(c *gin.Context) {
	ctx, p := c.Request.Context(), mustProject(c)
	v := boardView{Query: c.Query("q"), Moves: c.QueryArray("m")}
	var ids []int64
	if v.Query != "" {
		var ok bool
		if ids, ok = h.searchIDs(c, v.Query); !ok {
			v.NotReady = true
		}
	}
	var sugg []search.Suggestion
	var err error
	switch {
	case v.NotReady || (v.Query != "" && len(ids) == 0):
	case v.Query == "":
		var ready bool
		sugg, ready, err = h.suggest.project(ctx, h.Store, p.ID, h.Log)
		v.Computing = !ready
	default:
		sugg, err = search.Suggestions(ctx, h.Store, p.ID, ids)
	}
	if err != nil {
		h.failErr(c, err)
		return
	}
	if v.Insights, err = h.Store.Insights(ctx, p.ID, ""); err != nil {
		h.failErr(c, err)
		return
	}
	v.Cards = applyMoves(cards(sugg, c.GetString(keyLang)), v.Moves)
	h.render(c, http.StatusOK, "board", h.base(c, "board.title", "board"), v)
}

// searchIDs finds the notes of a search, so the board can cluster only them.
func (h *handlers) searchIDs(c *gin.Context, q string) ([]int64, bool) {
	var ix *search.Index
	if h.Indexer != nil {
		ix = h.Indexer.Index()
	}
	if ix == nil {
		return nil, false
	}
	res, err := ix.Search(strconv.FormatInt(mustProject(c).ID, 10), search.Request{Query: q, Limit: boardSearchSize})
	if err != nil {
		return nil, true
	}
	ids := make([]int64, 0, len(res.Hits))
	for _, hit := range res.Hits {
		if id, err := strconv.ParseInt(hit.NoteID, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids, true
}

func cards(sugg []search.Suggestion, lang string) []cardView {
	n := min(len(sugg), maxCards)
	out := make([]cardView, n)
	for i := range n {
		s := sugg[i]
		out[i] = cardView{Key: i, Label: s.Label, Title: cardTitle(s.Label), Notes: s.Notes,
			Participants: s.Participants, Sources: s.Sources}
	}
	for i := range out {
		for j := range out {
			if i != j {
				out[i].Targets = append(out[i].Targets, j)
			}
		}
	}
	return out
}

// cardTitle prefills an insight's title from the cluster's label terms.
func cardTitle(label []string) string {
	s := strings.Join(label, ", ")
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// applyMoves moves notes between cards as asked by "noteID-card" values;
// the board itself is recomputed on every request, so moves travel in the URL.
func applyMoves(cs []cardView, moves []string) []cardView {
	for _, m := range moves {
		a, b, ok := strings.Cut(m, "-")
		nid, err1 := strconv.ParseInt(a, 10, 64)
		to, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || to < 0 || to >= len(cs) {
			continue
		}
		for i := range cs {
			for j, n := range cs[i].Notes {
				if n.ID == nid && i != to {
					cs[i].Notes = append(cs[i].Notes[:j:j], cs[i].Notes[j+1:]...)
					cs[to].Notes = append(cs[to].Notes, n)
					break
				}
			}
		}
	}
	for i := range cs {
		if len(cs[i].Notes) > maxCardNotes {
			cs[i].Hidden = len(cs[i].Notes) - maxCardNotes
			cs[i].Notes = cs[i].Notes[:maxCardNotes]
		}
	}
	return cs
}

func formIDs(c *gin.Context, field string) ([]int64, error) {
	var ids []int64
	for _, s := range c.PostFormArray(field) {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: %s must be numbers", model.ErrInvalid, field)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func (h *handlers) createInsight(c *gin.Context) {
	ids, err := formIDs(c, "note_id")
	if err != nil {
		h.failErr(c, err)
		return
	}
	p := mustProject(c)
	in, err := h.App.CreateInsight(c.Request.Context(), mustScope(c), app.NewInsight{Title: c.PostForm("title"), Statement: c.PostForm("statement"), NoteIDs: ids})
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/p/%s/insights/%d", p.Slug, in.ID))
}

// addEvidence links a note to an insight, from the board ("add to
// insight") or the insight page; insight_id may come from the form.
func (h *handlers) addEvidence(c *gin.Context) {
	iid, ok := idParam(c, "id")
	if !ok {
		iid, _ = strconv.ParseInt(c.PostForm("insight_id"), 10, 64)
	}
	nid, err := strconv.ParseInt(c.PostForm("note_id"), 10, 64)
	if err != nil || iid <= 0 {
		h.failMsg(c, http.StatusBadRequest, "error.invalid", "note_id, insight_id")
		return
	}
	stance, err := model.ParseStance(c.PostForm("stance"))
	if err != nil {
		h.failErr(c, err)
		return
	}
	p := mustProject(c)
	if err := h.App.AddEvidence(c.Request.Context(), mustScope(c), iid, nid, stance); err != nil {
		h.failErr(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, localPath(c.PostForm("back"), fmt.Sprintf("/p/%s/insights/%d", p.Slug, iid)))
}

// suggestCache keeps each project's board suggestions until the change log
// moves: clustering a large project takes a good part of a second, while
// every note, tag and evidence change writes a change_log row, so an
// unchanged checkpoint means unchanged input.
// suggestCache keeps each project's board suggestions until the change log
// moves. Clustering a large project takes longer than a page may, so it runs
// in the background: a request waits a little for it, then shows the
// previous suggestions, or none yet and a page that asks again.
type suggestCache struct {
	mu       sync.Mutex
	entries  map[int64]suggestEntry
	inflight map[int64]chan struct{}
}

type suggestEntry struct {
	at    store.Checkpoint
	sugg  []search.Suggestion
	err   error
	since time.Time
}

// maxCachedBoards bounds the cache; the oldest entry goes first.
const maxCachedBoards = 16

// suggestWait is how long a board request waits for fresh suggestions.
const suggestWait = 150 * time.Millisecond

// project returns the project's suggestions and whether there are any to
// show yet (false while the first clustering of the project still runs).
func (sc *suggestCache) project(ctx context.Context, s *store.Store, projectID int64, log *slog.Logger) ([]search.Suggestion, bool, error) {
	cp, err := s.LatestCheckpoint(ctx)
	if err != nil {
		return nil, false, err
	}
	sc.mu.Lock()
	e, ok := sc.entries[projectID]
	if ok && e.at == cp {
		sc.mu.Unlock()
		return e.sugg, true, e.err
	}
	done := sc.start(s, projectID, cp, log)
	sc.mu.Unlock()
	select {
	case <-done:
	case <-time.After(suggestWait):
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	e, ok = sc.entries[projectID]
	return e.sugg, ok, e.err
}

// start clusters a project in the background unless that already runs;
// the caller holds sc.mu.
func (sc *suggestCache) start(s *store.Store, projectID int64, cp store.Checkpoint, log *slog.Logger) chan struct{} {
	if done, ok := sc.inflight[projectID]; ok {
		return done
	}
	if sc.inflight == nil {
		sc.inflight, sc.entries = map[int64]chan struct{}{}, map[int64]suggestEntry{}
	}
	done := make(chan struct{})
	sc.inflight[projectID] = done
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		sugg, err := search.Suggestions(ctx, s, projectID, nil)
		if err != nil {
			log.Error("board suggestions", "project", projectID, "err", err)
		}
		sc.mu.Lock()
		defer sc.mu.Unlock()
		sc.evict()
		sc.entries[projectID] = suggestEntry{at: cp, sugg: sugg, err: err, since: time.Now()}
		delete(sc.inflight, projectID)
		close(done)
	}()
	return done
}

// evict drops the oldest entry when the cache is full; the caller holds sc.mu.
func (sc *suggestCache) evict() {
	if len(sc.entries) < maxCachedBoards {
		return
	}
	var oldest int64
	first := true
	for id, e := range sc.entries {
		if first || e.since.Before(sc.entries[oldest].since) {
			oldest, first = id, false
		}
	}
	delete(sc.entries, oldest)
}
