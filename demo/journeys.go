package demo

import (
	"context"

	"indsigt/model"
	"indsigt/store"
)

// madNok is story 1, the whole journey, including a step back.
func (b *builder) madNok(ctx context.Context, tx *store.Tx) error {
	support, err := b.notes(ctx, "nattevagt-uge-12.md", "åbner køleskabet", "tæller tilsyneladende", "mad nok til i morgen")
	if err != nil {
		return err
	}
	more, err := b.notes(ctx, "borgerkonference-else.txt", "ikke altid mad nok", "bange for, at pengene", "noget til i morgen")
	if err != nil {
		return err
	}
	against, err := b.notes(ctx, "borgerkonference-else.txt", "stadig, hun er sulten")
	if err != nil {
		return err
	}
	against2, err := b.notes(ctx, "nattevagt-uge-13.txt", "Nattesygeplejersken mener")
	if err != nil {
		return err
	}
	in, err := b.insight(ctx, tx, "Hun er bange for, at der ikke er mad nok til i morgen",
		"Beboeren står op om natten for at se, om der er mad. Det handler om tryghed, ikke om sult. Hun har oplevet at mangle mad som barn og som ung enke.",
		append(support, more...), append(against, against2...),
		[]model.PhaseMove{
			{To: model.PhaseSkab, Reason: "Borgerkonferencen gav et perspektivskifte: vi vil teste et eget køleskab."},
			{To: model.PhaseOpdag, Reason: "Nattesygeplejersken mener, det er sult. Vi går tilbage og observerer en uge mere."},
			{To: model.PhaseSkab, Reason: "Ny observation bekræfter: hun afviser mad, men tjekker køleskabet."},
			{To: model.PhaseVirk, Reason: "Testen virkede. Eget køleskab er nu fast praksis, og vi måler effekten."},
		}, []int{84, 77, 72, 66, 56})
	if err != nil {
		return err
	}
	test, err := tx.CreateTest(ctx, model.Test{ProjectID: b.p.ID, InsightID: in.ID, Title: "Eget køleskab med smørrebrød",
		Hypothesis:   "Hvis hun selv kan se, at der er mad til i morgen, falder hun hurtigere til ro om natten.",
		Method:       "Et lille køleskab i egen stue, fyldt og vist for hende tre gange om aftenen. Observation i to nætter.",
		Participants: "Beboeren, nattevagten, datteren", Result: "Hun står stadig op, men tjekker kun sit eget køleskab og går hurtigt i seng igen.",
		Outcome: model.OutcomeConfirmed}, b.designer.ID)
	if err != nil {
		return err
	}
	b.fridgeTest = test.ID
	return b.indicator(ctx, tx, in.ID, "Gange hun står op om natten pr. uge", "gange", "down", 12, 2, []float64{11, 10, 8, 7, 6, 4, 4, 3}, 1)
}

// musik is story 2: an insight in Skab/test with one confirmed and one refuted test.
func (b *builder) musik(ctx context.Context, tx *store.Tx) error {
	ids, err := b.notes(ctx, "musikterapi-marielund.vtt", "ingen universelle løsninger", "Jeg får lov at bestemme", "Nu kommer jeg ned i fællesrummet", "borgerens plan, ikke vores")
	if err != nil {
		return err
	}
	in, err := b.insight(ctx, tx, "Musikken virker, når beboeren selv ejer processen",
		"Beboerne deltager, når de selv bestemmer, hvad der spilles. Fælles løsninger for alle får flere til at blive væk.",
		ids, nil, []model.PhaseMove{{To: model.PhaseSkab, Reason: "Vi vil afprøve to måder at tilbyde musik på."}}, []int{45, 30})
	if err != nil {
		return err
	}
	for _, t := range []model.Test{
		{Title: "Torsdagsmusik, hvor beboeren vælger", Hypothesis: "Flere kommer i fællesrummet, når de selv vælger musikken.", Method: "Fire torsdage, beboerne vælger på skift.", Participants: "6 beboere, musikterapeut", Result: "Fem af seks kom alle fire gange.", Outcome: model.OutcomeConfirmed},
		{Title: "Fællessang for alle", Hypothesis: "Fællessang samler beboerne.", Method: "To aftener med fællessang.", Participants: "10 beboere", Result: "Kun tre kom anden gang. Flere sagde, de ikke ville synge foran andre.", Outcome: model.OutcomeRefuted},
		{Title: "Rytmeværksted uden publikum", Hypothesis: "Trommer i et lille rum sænker tærsklen.", Method: "Planlagt til næste måned.", Outcome: model.OutcomeOpen},
	} {
		t.ProjectID, t.InsightID = b.p.ID, in.ID
		if _, err := tx.CreateTest(ctx, t, b.designer.ID); err != nil {
			return err
		}
	}
	return nil
}

// mening is story 3: an insight in Virk/effekt with two indicators.
func (b *builder) mening(ctx context.Context, tx *store.Tx) error {
	ids, err := b.notes(ctx, "unge-i-foreninger.csv", "Ingen spurgte", "en del af et fællesskab", "ikke en sag", "trædesten", "hentede mig")
	if err != nil {
		return err
	}
	in, err := b.insight(ctx, tx, "Inkluderende holdidræt er en trædesten ind i foreningslivet",
		"Unge uden for uddannelse og job bliver i fællesskabet, når de bliver mødt som sig selv og ikke som en sag.",
		ids, nil, []model.PhaseMove{
			{To: model.PhaseSkab, Reason: "Vi tester et hold med en fast kontaktperson fra foreningen."},
			{To: model.PhaseVirk, Reason: "Holdet kører nu i tre foreninger; vi måler fastholdelse og uddannelse."},
		}, []int{150, 120, 90})
	if err != nil {
		return err
	}
	if err := b.indicator(ctx, tx, in.ID, "Unge der fortsætter i en forening efter 3 måneder", "%", "up", 35, 60, []float64{38, 44, 51}, 4); err != nil {
		return err
	}
	return b.indicator(ctx, tx, in.ID, "Unge i uddannelse eller job efter 12 måneder", "%", "up", 20, 40, []float64{22, 27}, 6)
}

// plan is story 4: an insight still in Opdag/forstå, long enough to be stuck.
func (b *builder) plan(ctx context.Context, tx *store.Tx) error {
	ids, err := b.notes(ctx, "borgerens-plan.txt", "Jeg forstår ikke nogen af dem", "Ingen af dem spørger", "Én plan. Min plan.")
	if err != nil {
		return err
	}
	more, err := b.notes(ctx, "borgerens-plan-2.txt", "tre breve samme uge", "ikke som min plan")
	if err != nil {
		return err
	}
	_, err = b.insight(ctx, tx, "Borgerne forstår ikke deres planer, og planerne er ikke deres egne",
		"Borgere med flere planer fra flere afdelinger oplever dem som kommunens planer, skrevet i fagsprog. De ønsker én plan, som de selv har været med til at lave.",
		append(ids, more...), nil, nil, []int{41})
	return err
}
