package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"indsigt/model"
	"indsigt/store"
)

// InsightDetail is an insight with everything that backs it.
type InsightDetail struct {
	model.Insight
	LIX        float64            `json:"lix"`
	LIXLevel   string             `json:"lix_level"`
	Evidence   []store.Evidence   `json:"evidence"`
	History    []model.PhaseEvent `json:"history"`
	Tests      []model.Test       `json:"tests"`
	Indicators []IndicatorDetail  `json:"indicators"`
}

// IndicatorDetail is an indicator with its measurements and computed effect.
type IndicatorDetail struct {
	model.Indicator
	Measurements []model.Reading     `json:"measurements"`
	Effect       model.EffectSummary `json:"effect"`
}

type insightIn struct {
	Title     string   `json:"title"`
	Statement string   `json:"statement"`
	NoteIDs   []string `json:"note_ids"`
	Tags      []string `json:"tags"`
}

func (h *handlers) createInsight(c *gin.Context) {
	var in insightIn
	if !bindJSON(c, &in) {
		return
	}
	noteIDs, ok := parseIDs(c, in.NoteIDs)
	if !ok {
		return
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	var created model.Insight
	err := h.Store.InTx(ctx, func(tx *store.Tx) (err error) {
		created, err = tx.CreateInsight(ctx, model.Insight{ProjectID: p.ID, Title: in.Title, Statement: in.Statement}, noteIDs, u.ID)
		if err != nil {
			return err
		}
		for _, t := range in.Tags {
			if err := tx.TagInsight(ctx, p.ID, created.ID, t, u.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.poke()
	c.JSON(http.StatusCreated, created)
}

func parseIDs(c *gin.Context, raw []string) ([]int64, bool) {
	if len(raw) > 1000 {
		fail(c, http.StatusBadRequest, "invalid", "at most 1000 note_ids")
		return nil, false
	}
	out := make([]int64, 0, len(raw))
	seen := map[int64]bool{}
	for _, s := range raw {
		id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || id <= 0 {
			fail(c, http.StatusBadRequest, "invalid", "note id "+strconv.Quote(s)+" is not valid")
			return nil, false
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, true
}

func (h *handlers) listInsights(c *gin.Context) {
	phase := c.Query("phase")
	if phase != "" {
		if _, err := model.ParsePhase(phase); err != nil {
			h.failErr(c, err)
			return
		}
	}
	ins, err := h.Store.Insights(c.Request.Context(), mustProject(c).ID, phase)
	if err != nil {
		h.failErr(c, err)
		return
	}
	if ins == nil {
		ins = []model.Insight{}
	}
	c.JSON(http.StatusOK, Page[model.Insight]{Items: ins})
}

// InsightDetailFor loads an insight with its evidence, history, tests and indicators.
func InsightDetailFor(c *gin.Context, s *store.Store, projectID, id int64) (InsightDetail, error) {
	ctx := c.Request.Context()
	var d InsightDetail
	var err error
	if d.Insight, err = s.Insight(ctx, projectID, id); err != nil {
		return d, err
	}
	d.LIX = model.LIX(d.Statement)
	d.LIXLevel = model.LIXLevel(d.LIX)
	if d.Evidence, err = s.InsightEvidence(ctx, id); err != nil {
		return d, err
	}
	if d.History, err = s.PhaseHistory(ctx, id); err != nil {
		return d, err
	}
	if d.Tests, err = s.Tests(ctx, projectID, id); err != nil {
		return d, err
	}
	inds, err := s.Indicators(ctx, projectID, id)
	if err != nil {
		return d, err
	}
	d.Indicators, err = indicatorDetails(c, s, inds)
	return d, err
}

func indicatorDetails(c *gin.Context, s *store.Store, inds []model.Indicator) ([]IndicatorDetail, error) {
	ids := make([]int64, len(inds))
	for i, ind := range inds {
		ids[i] = ind.ID
	}
	ms, err := s.Measurements(c.Request.Context(), ids)
	if err != nil {
		return nil, err
	}
	out := make([]IndicatorDetail, 0, len(inds))
	for _, ind := range inds {
		d := IndicatorDetail{Indicator: ind, Measurements: ms[ind.ID]}
		if d.Measurements == nil {
			d.Measurements = []model.Reading{}
		}
		vals := make([]model.Measurement, len(d.Measurements))
		for i, m := range d.Measurements {
			vals[i] = model.Measurement{Value: m.Value, MeasuredAt: m.MeasuredAt, Comment: m.Comment}
		}
		d.Effect = model.SummarizeEffect(ind.Direction, ind.Baseline, ind.Target, vals)
		out = append(out, d)
	}
	return out, nil
}

func (h *handlers) getInsight(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	p := mustProject(c)
	d, err := InsightDetailFor(c, h.Store, p.ID, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	_ = h.Store.Audit(c.Request.Context(), mustUser(c).ID, p.ID, "insight.read", "insight:"+strconv.FormatInt(id, 10), "")
	c.JSON(http.StatusOK, d)
}

func (h *handlers) updateInsight(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var in struct {
		Title     string `json:"title"`
		Statement string `json:"statement"`
	}
	if !bindJSON(c, &in) {
		return
	}
	ctx, p := c.Request.Context(), mustProject(c)
	err := h.Store.InTx(ctx, func(tx *store.Tx) error {
		return tx.UpdateInsight(ctx, model.Insight{ID: id, ProjectID: p.ID, Title: strings.TrimSpace(in.Title), Statement: strings.TrimSpace(in.Statement)})
	})
	if err != nil {
		h.failErr(c, err)
		return
	}
	in2, err := h.Store.Insight(ctx, p.ID, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusOK, in2)
}

type evidenceIn struct {
	NoteID string `json:"note_id"`
	Stance string `json:"stance"`
}

func (h *handlers) addEvidence(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var in evidenceIn
	if !bindJSON(c, &in) {
		return
	}
	stance, err := model.ParseStance(in.Stance)
	if err != nil {
		h.failErr(c, err)
		return
	}
	ids, ok := parseIDs(c, []string{in.NoteID})
	if !ok {
		return
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	err = h.Store.InTx(ctx, func(tx *store.Tx) error { return tx.AddEvidence(ctx, p.ID, id, ids[0], stance, u.ID) })
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.poke()
	c.JSON(http.StatusCreated, gin.H{"note_id": in.NoteID, "stance": stance})
}

func (h *handlers) removeEvidence(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	noteID, ok := idParam(c, "note")
	if !ok {
		return
	}
	ctx, p := c.Request.Context(), mustProject(c)
	if err := h.Store.InTx(ctx, func(tx *store.Tx) error { return tx.RemoveEvidence(ctx, p.ID, id, noteID) }); err != nil {
		h.failErr(c, err)
		return
	}
	h.poke()
	c.Status(http.StatusNoContent)
}

type phaseIn struct {
	Phase  string `json:"phase"`
	Reason string `json:"reason"`
}

func (h *handlers) movePhase(c *gin.Context) {
	id, ok := idParam(c, "id")
	if !ok {
		return
	}
	var in phaseIn
	if !bindJSON(c, &in) {
		return
	}
	to, err := model.ParsePhase(in.Phase)
	if err != nil {
		h.failErr(c, err)
		return
	}
	ctx, p, u := c.Request.Context(), mustProject(c), mustUser(c)
	var moved model.Insight
	err = h.Store.InTx(ctx, func(tx *store.Tx) (err error) {
		moved, err = tx.MovePhase(ctx, p.ID, id, to, in.Reason, u.ID)
		return err
	})
	if err != nil {
		h.failErr(c, err)
		return
	}
	h.poke()
	hist, err := h.Store.PhaseHistory(ctx, id)
	if err != nil {
		h.failErr(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"insight": moved, "history": hist})
}
