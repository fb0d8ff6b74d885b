package demo

import (
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"indsigt/app"
	"indsigt/ingest"
	"indsigt/model"
	"indsigt/store"
)

// builder writes the four stories from the seeds (see shared/guide/DEMO.md).
type builder struct {
	s        *store.Store
	app      *app.App
	scope    app.Scope // the designer in the demo project
	ing      *ingest.Service
	p        model.Project
	designer model.User
	lead     model.User
	sources  map[string]int64 // file name → source id
	// fridgeTest is the Skab/test session whose notes come from a file.
	fridgeTest int64
}

type file struct {
	name         string
	kind         string
	participants []string
}

var files = []file{
	{"nattevagt-uge-12.md", "", nil},
	{"nattevagt-uge-13.txt", "observation", []string{"Else Marie Kjær"}},
	{"borgerkonference-else.txt", "workshop", []string{"Else Marie Kjær"}},
	{"musikterapi-marielund.vtt", "interview", nil},
	{"unge-i-foreninger.csv", "interview", nil},
	{"borgerens-plan.txt", "interview", nil},
	{"borgerens-plan-2.txt", "interview", nil},
	{"brev-om-planer.pdf", "interview", nil},
}

var caseworker = []string{
	"Interview med sagsbehandler i Jobcentret, 5. maj 2026.",
	"Sagsbehandler: Vi skriver planerne i vores eget system, og de andre afdelinger kan ikke se dem.",
	"Sagsbehandler: Borgeren får tit flere planer på samme tid, og de peger i hver sin retning.",
	"Sagsbehandler: Jeg ville ønske, vi havde én fælles plan, som borgeren selv var med til at skrive.",
	"Sagsbehandler: Sproget i planerne er vores fagsprog. Det er skrevet til fagland, ikke til borgerland.",
}

func (b *builder) build(ctx context.Context) error {
	if err := b.ing.LoadStarterCodebook(ctx, b.p.ID, b.designer.ID); err != nil {
		return err
	}
	for _, f := range files {
		raw, err := data.ReadFile(path.Join("data", f.name))
		if err != nil {
			return err
		}
		if err := b.ingest(ctx, f.name, raw, app.Upload{Kind: f.kind, Participants: strings.Join(f.participants, ",")}); err != nil {
			return err
		}
	}
	doc, err := docx(caseworker)
	if err != nil {
		return err
	}
	if err := b.ingest(ctx, "interview-sagsbehandler.docx", doc, app.Upload{Kind: "interview", Date: "2026-05-05"}); err != nil {
		return err
	}
	book, err := workbook()
	if err != nil {
		return err
	}
	if err := b.ingest(ctx, "paaroerende-maaltider.xlsx", book, app.Upload{Kind: "interview", Participants: "Hanne Kjær,Peter Lund"}); err != nil {
		return err
	}
	err = b.s.InTx(ctx, func(tx *store.Tx) error {
		for _, story := range []func(context.Context, *store.Tx) error{b.madNok, b.musik, b.mening, b.plan} {
			if err := story(ctx, tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The Skab/test session's own notes, ingested as a source of that test.
	raw, err := data.ReadFile("data/test-eget-koeleskab.md")
	if err != nil {
		return err
	}
	if err := b.ingest(ctx, "test-eget-koeleskab.md", raw, app.Upload{Kind: "test", TestID: strconv.FormatInt(b.fridgeTest, 10)}); err != nil {
		return err
	}
	if _, err = b.app.SaveSearch(ctx, b.scope, app.NewSavedSearch{Name: "Natlig uro omkring mad", Query: `køleskab* "mad nok" -sulten`}); err != nil {
		return err
	}
	return b.workbench(ctx)
}

func (b *builder) ingest(ctx context.Context, name string, raw []byte, opt app.Upload) error {
	r, err := b.app.IngestFile(ctx, b.scope, name, raw, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if r.Status != ingest.StatusIngested {
		return fmt.Errorf("%s: %s %s", name, r.Status, r.Error)
	}
	id, _ := strconv.ParseInt(r.SourceID, 10, 64)
	b.sources[name] = id
	return nil
}

// notes finds the notes of a source whose text contains each fragment.
func (b *builder) notes(ctx context.Context, source string, fragments ...string) ([]int64, error) {
	ns, err := b.s.SourceNotes(ctx, b.p.ID, b.sources[source])
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, f := range fragments {
		found := false
		for _, n := range ns {
			if strings.Contains(n.Text, f) {
				ids, found = append(ids, n.ID), true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("no note in %s contains %q", source, f)
		}
	}
	return ids, nil
}

func daysAgo(d int) time.Time { return time.Now().UTC().AddDate(0, 0, -d).Truncate(time.Hour) }

// insight creates an insight with evidence, moves it through phases and
// spreads its history over the given days ago (one per event).
func (b *builder) insight(ctx context.Context, tx *store.Tx, title, statement string, support, contradict []int64, moves []model.PhaseMove, days []int) (model.Insight, error) {
	in, err := tx.CreateInsight(ctx, model.Insight{ProjectID: b.p.ID, Title: title, Statement: statement}, support, b.designer.ID)
	if err != nil {
		return in, err
	}
	for _, n := range contradict {
		if err := tx.AddEvidence(ctx, b.p.ID, in.ID, n, model.Contradicts, b.designer.ID); err != nil {
			return in, err
		}
	}
	for _, m := range moves {
		if in, err = tx.MovePhase(ctx, b.p.ID, in.ID, m.To, m.Reason, b.lead.ID); err != nil {
			return in, err
		}
	}
	at := make([]time.Time, len(days))
	for i, d := range days {
		at[i] = daysAgo(d)
	}
	return in, tx.BackdatePhaseEvents(ctx, in.ID, at)
}

func (b *builder) indicator(ctx context.Context, tx *store.Tx, insightID int64, name, unit, dir string, base, target float64, values []float64, weeksApart int) error {
	start := daysAgo(7 * weeksApart * len(values))
	ind, err := tx.CreateIndicator(ctx, model.Indicator{ProjectID: b.p.ID, InsightID: insightID, Name: name, Unit: unit, Direction: model.Direction(dir), Baseline: base, Target: target, StartDate: &start}, b.lead.ID)
	if err != nil {
		return err
	}
	for i, v := range values {
		at := start.AddDate(0, 0, 7*weeksApart*(i+1))
		if _, err := tx.AddMeasurement(ctx, b.p.ID, model.Measurement{IndicatorID: ind.ID, Value: v, MeasuredAt: at, Source: "Nattevagtens registrering"}, b.lead.ID); err != nil {
			return err
		}
	}
	return nil
}
