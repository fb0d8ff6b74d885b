package main

import (
	"context"
	"errors"
	"fmt"

	"indsigt/app"
	"indsigt/auth"
	"indsigt/model"
	"indsigt/store"
)

func cmdMigrate(ctx context.Context, e env, args []string) error {
	var c config
	fs := c.flags("migrate")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return withStore(ctx, &c, func(s *store.Store) error {
		fmt.Fprintf(e.stderr, "migrations applied (%s)\n", s.Dialect())
		return nil
	})
}

func cmdUserAdd(ctx context.Context, e env, args []string) error {
	var c config
	var email, name, role string
	var pwStdin bool
	fs := c.flags("user add")
	fs.StringVar(&email, "email", "", "e-mail address (the login)")
	fs.StringVar(&name, "name", "", "full name")
	fs.StringVar(&role, "role", "", "admin, designer, lead or analyst")
	fs.BoolVar(&pwStdin, "password-stdin", false, "read the password from the first line of standard input")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if email == "" || name == "" || role == "" {
		return fmt.Errorf("%w: --email, --name and --role are required", errUsage)
	}
	r, err := model.ParseRole(role)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	pw := ""
	if pwStdin {
		if pw, err = readPassword(e.stdin); err != nil {
			return err
		}
	}
	return withStore(ctx, &c, func(s *store.Store) error {
		u, err := auth.New(s).AddUser(ctx, model.User{Email: email, Name: name, Role: r}, pw)
		if errors.Is(err, model.ErrConflict) {
			return fmt.Errorf("a user with e-mail %s already exists", email)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "user %s added with role %s (id %d)\n", u.Email, u.Role, u.ID)
		return nil
	})
}

func cmdProject(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("%w: expected the subcommand create", errUsage)
	}
	var c config
	var in app.NewProject
	fs := c.flags("project create")
	fs.StringVar(&in.Slug, "slug", "", "short name used in URLs: a-z, 0-9 and -")
	fs.StringVar(&in.Name, "name", "", "the project's name")
	fs.StringVar(&in.Purpose, "purpose", "", "why personal data is processed (GDPR purpose)")
	fs.IntVar(&in.RetentionDays, "retention-days", 0, "days to keep notes (0 = no limit set)")
	fs.StringVar(&in.Owner, "owner", "", "e-mail of the user who owns the project (default: none, the operator)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if in.Slug == "" || in.Name == "" {
		return fmt.Errorf("%w: --slug and --name are required", errUsage)
	}
	return withStore(ctx, &c, func(s *store.Store) error {
		p, err := app.New(app.Deps{Store: s}).CreateProject(ctx, app.Operator(), in)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "project %s created (id %d)\n", p.Slug, p.ID)
		return nil
	})
}

// operatorIn opens the store and enters a project as the local operator,
// for the commands that act in one; the caller closes the store.
func operatorIn(ctx context.Context, c *config, slug string) (*store.Store, *app.App, app.Scope, error) {
	s, err := openStore(ctx, c)
	if err != nil {
		return nil, nil, app.Scope{}, err
	}
	uc := app.New(app.Deps{Store: s})
	sc, err := uc.Enter(ctx, app.Operator(), slug)
	if err != nil {
		s.Close()
		return nil, nil, app.Scope{}, err
	}
	return s, uc, sc, nil
}

// cmdMember gives, ends or changes a user's access to a project; not in
// the original contract but needed to give a second user access from a
// script.
func cmdMember(ctx context.Context, e env, args []string) error {
	return runSubcommand(ctx, e, args, subcommand{"add", cmdMemberAdd},
		withVerb("remove", cmdMemberChange), withVerb("role", cmdMemberChange))
}

// cmdMemberAdd is `member add`: a user joins the project.
func cmdMemberAdd(ctx context.Context, e env, args []string) error {
	var in app.NewMember
	p := newInProject("member add")
	fs := p.fs
	fs.StringVar(&in.Email, "email", "", "user's e-mail")
	fs.StringVar(&in.Role, "role", "", "role in the project (default: the user's role)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if p.slug == "" || in.Email == "" {
		return fmt.Errorf("%w: --project and --email are required", errUsage)
	}
	if in.Role != "" {
		if _, err := model.ParseRole(in.Role); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
	}
	return p.run(ctx, func(_ *store.Store, a *app.App, sc app.Scope) error {
		m, err := a.AddMember(ctx, sc, in)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "%s is now %s in %s\n", m.Email, m.Role, sc.Project.Slug)
		return nil
	})
}

// cmdMemberChange is `member remove` and `member role`, as the operator.
func cmdMemberChange(ctx context.Context, e env, sub string, args []string) error {
	var email, role string
	p := newInProject("member " + sub)
	fs := p.fs
	fs.StringVar(&email, "email", "", "member's e-mail")
	if sub == "role" {
		fs.StringVar(&role, "role", "", "the new role in the project")
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if p.slug == "" || email == "" || (sub == "role" && role == "") {
		if sub == "role" {
			return fmt.Errorf("%w: --project, --email and --role are required", errUsage)
		}
		return fmt.Errorf("%w: --project and --email are required", errUsage)
	}
	if sub == "role" {
		if _, err := model.ParseRole(role); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
	}
	return p.run(ctx, func(s *store.Store, a *app.App, sc app.Scope) error {
		u, _, err := s.UserByEmail(ctx, email)
		if err != nil {
			return err
		}
		if sub == "remove" {
			if err := a.RemoveMember(ctx, sc, u.ID); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "%s no longer has access to %s\n", u.Email, sc.Project.Slug)
			return nil
		}
		m, err := a.SetMemberRole(ctx, sc, u.ID, role)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "%s is now %s in %s\n", m.Email, m.Role, sc.Project.Slug)
		return nil
	})
}
