package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"indsigt/auth"
	"indsigt/model"
)

func cmdMigrate(ctx context.Context, e env, args []string) error {
	var c config
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	c.bind(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	s, err := openStore(ctx, &c)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(e.stderr, "migrations applied (%s)\n", s.Dialect())
	return nil
}

func cmdUser(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("%w: expected the subcommand add", errUsage)
	}
	var c config
	var email, name, role string
	var pwStdin bool
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	c.bind(fs)
	fs.StringVar(&email, "email", "", "e-mail address (the login)")
	fs.StringVar(&name, "name", "", "full name")
	fs.StringVar(&role, "role", "", "admin, designer, lead or analyst")
	fs.BoolVar(&pwStdin, "password-stdin", false, "read the password from the first line of standard input")
	if err := parseFlags(fs, args[1:]); err != nil {
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
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read password from stdin: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	s, err := openStore(ctx, &c)
	if err != nil {
		return err
	}
	defer s.Close()
	u, err := auth.New(s).AddUser(ctx, model.User{Email: email, Name: name, Role: r}, pw)
	if errors.Is(err, model.ErrConflict) {
		return fmt.Errorf("a user with e-mail %s already exists", email)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "user %s added with role %s (id %d)\n", u.Email, u.Role, u.ID)
	return nil
}

func cmdProject(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("%w: expected the subcommand create", errUsage)
	}
	var c config
	var p model.Project
	var owner string
	fs := flag.NewFlagSet("project create", flag.ContinueOnError)
	c.bind(fs)
	fs.StringVar(&p.Slug, "slug", "", "short name used in URLs: a-z, 0-9 and -")
	fs.StringVar(&p.Name, "name", "", "the project's name")
	fs.StringVar(&p.Purpose, "purpose", "", "why personal data is processed (GDPR purpose)")
	fs.IntVar(&p.RetentionDays, "retention-days", 0, "days to keep notes (0 = no limit set)")
	fs.StringVar(&owner, "owner", "", "e-mail of the user who owns the project (default: none, the operator)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if p.Slug == "" || p.Name == "" {
		return fmt.Errorf("%w: --slug and --name are required", errUsage)
	}
	s, err := openStore(ctx, &c)
	if err != nil {
		return err
	}
	defer s.Close()
	creator := model.User{Role: model.RoleAdmin} // the local operator
	if owner != "" {
		if creator, _, err = s.UserByEmail(ctx, owner); err != nil {
			return fmt.Errorf("no user with e-mail %s", owner)
		}
	}
	p, err = s.CreateProject(ctx, p, creator)
	if err != nil {
		return err
	}
	_ = s.Audit(ctx, creator.ID, p.ID, "project.create", "project:"+p.Slug, "cli")
	fmt.Fprintf(e.stderr, "project %s created (id %d)\n", p.Slug, p.ID)
	return nil
}

// cmdMember adds a user to a project; not in the original contract but
// needed to give a second user access from a script.
func cmdMember(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("%w: expected the subcommand add", errUsage)
	}
	var c config
	var slug, email, role string
	fs := flag.NewFlagSet("member add", flag.ContinueOnError)
	c.bind(fs)
	fs.StringVar(&slug, "project", "", "project slug")
	fs.StringVar(&email, "email", "", "user's e-mail")
	fs.StringVar(&role, "role", "", "role in the project (default: the user's role)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if slug == "" || email == "" {
		return fmt.Errorf("%w: --project and --email are required", errUsage)
	}
	s, p, err := openProject(ctx, &c, slug)
	if err != nil {
		return err
	}
	defer s.Close()
	u, _, err := s.UserByEmail(ctx, email)
	if err != nil {
		return fmt.Errorf("no user with e-mail %s", email)
	}
	r := u.Role
	if role != "" {
		if r, err = model.ParseRole(role); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
	}
	if err := s.AddMember(ctx, p.ID, u.ID, r); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%s is now %s in %s\n", u.Email, r, p.Slug)
	return nil
}
