// Package demo loads the demo data set: a Danish project built from the
// stories in the seeds, carried through all three phases, with users in
// every role, so that a new user sees each feature working with something
// real-looking. Every person in it is fictional; the CPR number, phone
// number and e-mail address in it are fake and show pseudonymization.
package demo

import (
	"context"
	"embed"
	"errors"
	"fmt"

	"indsigt/app"
	"indsigt/auth"
	"indsigt/ingest"
	"indsigt/model"
	"indsigt/store"
)

// Slug and Name of the demo project.
const (
	Slug = "selvvaerd-demo"
	Name = "Selvværd og Sammenhæng – demo"
)

//go:embed data
var data embed.FS

// Login is a demo user's credentials, printed once.
type Login struct {
	Role     model.Role
	Email    string
	Password string
}

// Result says what Load did.
type Result struct {
	Created bool
	Project model.Project
	Logins  []Login
}

var people = []struct {
	email, name string
	role        model.Role
}{
	{"admin@demo.indsigt.dk", "Astrid Admin", model.RoleAdmin},
	{"designer@demo.indsigt.dk", "Søren Designer", model.RoleDesigner},
	{"leder@demo.indsigt.dk", "Lærke Projektleder", model.RoleLead},
	{"analytiker@demo.indsigt.dk", "Åge Analytiker", model.RoleAnalyst},
}

// Load creates the demo project, users and data unless the project exists.
func Load(ctx context.Context, s *store.Store, a *auth.Service, ing *ingest.Service) (Result, error) {
	if p, err := s.ProjectBySlug(ctx, Slug); err == nil {
		return Result{Project: p}, nil
	} else if !errors.Is(err, model.ErrNotFound) {
		return Result{}, err
	}
	var res Result
	var users []model.User
	for _, p := range people {
		pw := auth.Random(12)
		u, err := a.AddUser(ctx, model.User{Email: p.email, Name: p.name, Role: p.role}, pw)
		if errors.Is(err, model.ErrConflict) {
			u, _, err = s.UserByEmail(ctx, p.email)
			pw = "(uændret / unchanged)"
		}
		if err != nil {
			return res, fmt.Errorf("user %s: %w", p.email, err)
		}
		users = append(users, u)
		res.Logins = append(res.Logins, Login{Role: p.role, Email: p.email, Password: pw})
	}
	// The demo acts as its designer does in the web app, through the use cases.
	uc := app.New(app.Deps{Store: s, Auth: a, Ingest: ing})
	designer := app.UserActor(users[1])
	proj, err := uc.CreateProject(ctx, designer, app.NewProject{
		Slug: Slug, Name: Name, RetentionDays: 730,
		Purpose: "Demo: at finde mønstre i interviews og observationer med borgere og medarbejdere, så velfærden skaber selvværd og sammenhæng.",
	})
	if err != nil {
		return res, err
	}
	sc, err := uc.Enter(ctx, designer, proj.Slug)
	if err != nil {
		return res, err
	}
	for _, u := range users[2:] {
		if _, err := uc.AddMember(ctx, sc, app.NewMember{Email: u.Email, Role: string(u.Role)}); err != nil {
			return res, err
		}
	}
	b := &builder{s: s, app: uc, scope: sc, ing: ing, p: proj, designer: users[1], lead: users[2], sources: map[string]int64{}}
	if err := b.build(ctx); err != nil {
		// Leave nothing half-built behind: the next start tries again.
		if derr := uc.DeleteProject(ctx, sc); derr != nil {
			return res, fmt.Errorf("demo data: %w (and removing the half-built project failed: %v)", err, derr)
		}
		return res, fmt.Errorf("demo data: %w", err)
	}
	res.Created, res.Project = true, proj
	return res, nil
}
