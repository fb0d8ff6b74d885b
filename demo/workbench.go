package demo

import (
	"context"
	"fmt"

	"indsigt/app"
)

// workbench adds what a researcher's daily analysis leaves behind, through
// the same use cases as the web app: codes of their own, nested under the
// starter codebook's themes and coloured, and memos on a code, a source, a
// note and the first story's insight.
func (b *builder) workbench(ctx context.Context) error {
	book, err := b.app.Codebook(ctx, b.scope)
	if err != nil {
		return err
	}
	ids := map[string]int64{}
	for _, t := range book.Tags {
		ids[t.Name] = t.ID
	}
	for _, c := range []struct{ name, parent, color, description string }{
		{"Bekymring for i morgen", "Mad og måltider", "#e65100", "Frygten for, at der ikke er nok i morgen: mad, penge, hjælp."},
		{"Natlige ture til køleskabet", "Søvn og nat", "#4527a0", "Når beboeren står op om natten og ser efter mad."},
		{"Minder fra barndommen", "Pårørende", "#00796b", "Det, de pårørende fortæller om borgerens liv før."},
	} {
		parent := ids[c.parent]
		t, err := b.app.CreateTag(ctx, b.scope, app.NewTag{Name: c.name, Description: c.description, Color: c.color, ParentID: &parent})
		if err != nil {
			return fmt.Errorf("code %s: %w", c.name, err)
		}
		ids[c.name] = t.ID
	}
	tagged := []struct{ source, fragment, tag string }{
		{"borgerkonference-else.txt", "bange for, at pengene", "Bekymring for i morgen"},
		{"borgerkonference-else.txt", "noget til i morgen", "Bekymring for i morgen"},
		{"nattevagt-uge-12.md", "åbner køleskabet", "Natlige ture til køleskabet"},
		{"borgerkonference-else.txt", "ikke altid mad nok", "Minder fra barndommen"},
	}
	for _, tg := range tagged {
		ns, err := b.notes(ctx, tg.source, tg.fragment)
		if err != nil {
			return err
		}
		if _, err := b.app.TagNotes(ctx, b.scope, ns, []string{tg.tag}); err != nil {
			return err
		}
	}
	insights, err := b.app.Insights(ctx, b.scope, "")
	if err != nil {
		return err
	}
	var madNok int64
	for _, in := range insights {
		if in.Title == "Hun er bange for, at der ikke er mad nok til i morgen" {
			madNok = in.ID
		}
	}
	against, err := b.notes(ctx, "borgerkonference-else.txt", "stadig, hun er sulten")
	if err != nil {
		return err
	}
	memos := []app.NewMemo{
		{Target: fmt.Sprintf("insight:%d", madNok), Body: "Perspektivskiftet kom på borgerkonferencen: det er *tryghed*, ikke sult.\n\nNæste skridt:\n\n- spørg datteren om spisekammeret derhjemme\n- aftal med nattevagten, hvordan køleskabet vises"},
		{Target: fmt.Sprintf("note:%d", against[0]), Body: "Sygeplejersken har en pointe: vi prøvede et senere aftensmåltid i uge 13, og hun afviste det. Se observationen."},
		{Target: fmt.Sprintf("source:%d", b.sources["borgerkonference-else.txt"]), Body: "Konferencen varede en time. Datteren havde **billeder** med fra barndomshjemmet."},
		{Target: fmt.Sprintf("tag:%d", ids["Bekymring for i morgen"]), Body: "Brug koden, når bekymringen handler om *i morgen*; sult her og nu kodes som Mad og måltider."},
	}
	for _, m := range memos {
		if _, err := b.app.CreateMemo(ctx, b.scope, m); err != nil {
			return fmt.Errorf("memo on %s: %w", m.Target, err)
		}
	}
	return b.highlights(ctx, madNok)
}
