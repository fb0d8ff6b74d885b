package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"indsigt/auth"
	"indsigt/model"
	"indsigt/store"
)

// The operator's account commands: `indsigt user add|password|disable|
// enable|delete|list` and `indsigt token create|list|revoke`. They act as
// auth.Operator, so their audit rows carry no user.

func cmdUsers(ctx context.Context, e env, args []string) error {
	return runSubcommand(ctx, e, args, subcommand{"add", cmdUserAdd}, subcommand{"password", cmdUserPassword},
		withVerb("disable", cmdUserState), withVerb("enable", cmdUserState), withVerb("delete", cmdUserState),
		subcommand{"list", cmdUserList})
}

func cmdTokens(ctx context.Context, e env, args []string) error {
	return runSubcommand(ctx, e, args, subcommand{"create", cmdTokenCreate}, subcommand{"list", cmdTokenList},
		subcommand{"revoke", cmdTokenRevoke})
}

// accountCommand parses --email and the store flags, opens the store and
// finds the account.
func accountCommand(ctx context.Context, name string, args []string, extra func(*flag.FlagSet)) (*store.Store, store.Account, error) {
	var c config
	var email string
	fs := c.flags(name)
	fs.StringVar(&email, "email", "", "the user's e-mail")
	if extra != nil {
		extra(fs)
	}
	if err := parseFlags(fs, args); err != nil {
		return nil, store.Account{}, err
	}
	if email == "" {
		return nil, store.Account{}, fmt.Errorf("%w: --email is required", errUsage)
	}
	s, err := openStore(ctx, &c)
	if err != nil {
		return nil, store.Account{}, err
	}
	acc, err := auth.New(s).Account(ctx, email)
	if errors.Is(err, model.ErrNotFound) {
		s.Close()
		return nil, acc, fmt.Errorf("no user with e-mail %s", email)
	}
	if err != nil {
		s.Close()
		return nil, acc, err
	}
	return s, acc, nil
}

// cmdUserPassword resets a password: read from stdin, or a one-time
// password printed on stdout that must be changed at the next sign-in.
func cmdUserPassword(ctx context.Context, e env, args []string) error {
	var pwStdin bool
	s, acc, err := accountCommand(ctx, "user password", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&pwStdin, "password-stdin", false, "read the new password from the first line of standard input")
	})
	if err != nil {
		return err
	}
	defer s.Close()
	pw := ""
	if pwStdin {
		if pw, err = readPassword(e.stdin); err != nil {
			return err
		}
		if pw == "" {
			return fmt.Errorf("%w: the password on stdin is empty", errUsage)
		}
	}
	got, err := auth.New(s).ResetPassword(ctx, auth.Operator, acc.ID, pw)
	if err != nil {
		return err
	}
	if pwStdin {
		fmt.Fprintf(e.stderr, "password of %s changed; their browsers are signed out\n", acc.Email)
		return nil
	}
	fmt.Fprintln(e.stdout, got)
	fmt.Fprintf(e.stderr, "one-time password for %s printed above; it must be changed at the next sign-in\n", acc.Email)
	return nil
}

func cmdUserState(ctx context.Context, e env, sub string, args []string) error {
	s, acc, err := accountCommand(ctx, "user "+sub, args, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	a := auth.New(s)
	switch sub {
	case "disable":
		err = a.SetDisabled(ctx, auth.Operator, acc.ID, true)
	case "enable":
		err = a.SetDisabled(ctx, auth.Operator, acc.ID, false)
	case "delete":
		err = a.DeleteUser(ctx, auth.Operator, acc.ID)
	}
	if err != nil {
		return err
	}
	switch sub {
	case "disable":
		fmt.Fprintf(e.stderr, "%s is disabled: signed out everywhere, API tokens revoked\n", acc.Email)
	case "enable":
		fmt.Fprintf(e.stderr, "%s may sign in again\n", acc.Email)
	case "delete":
		fmt.Fprintf(e.stderr, "%s is deleted with their sessions, tokens and memberships\n", acc.Email)
	}
	return nil
}

func cmdUserList(ctx context.Context, e env, args []string) error {
	var c config
	var asJSON bool
	fs := c.flags("user list")
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return withStore(ctx, &c, func(s *store.Store) error {
		accs, err := auth.New(s).Accounts(ctx, auth.Operator)
		if err != nil {
			return err
		}
		if asJSON {
			return json.NewEncoder(e.stdout).Encode(map[string]any{"items": accs})
		}
		w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "EMAIL\tNAME\tROLE\tSTATE")
		for _, a := range accs {
			state := "active"
			if a.Disabled() {
				state = "disabled"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", a.Email, a.Name, a.Role, state)
		}
		return w.Flush()
	})
}

// cmdTokenCreate prints a new API token on stdout and nothing else (the
// contract); by default a write token that lives until revoked, as before
// tokens had scopes.
func cmdTokenCreate(ctx context.Context, e env, args []string) error {
	var scope string
	var days int
	var name string
	s, acc, err := accountCommand(ctx, "token create", args, func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "a label for the token")
		fs.StringVar(&scope, "scope", auth.ScopeWrite, "read or write")
		fs.IntVar(&days, "expires-days", 0, "days until the token expires (0 = until revoked)")
	})
	if err != nil {
		return err
	}
	defer s.Close()
	if scope != auth.ScopeRead && scope != auth.ScopeWrite {
		return fmt.Errorf("%w: --scope must be read or write", errUsage)
	}
	if days < 0 || time.Duration(days)*24*time.Hour > auth.MaxTokenTTL {
		return fmt.Errorf("%w: --expires-days must be 0 (until revoked) to %d", errUsage, int(auth.MaxTokenTTL.Hours()/24))
	}
	tok, _, err := auth.New(s).CreateScopedToken(ctx, acc.ID, auth.TokenRequest{Name: name, Scope: scope, TTL: time.Duration(days) * 24 * time.Hour})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, tok)
	return nil
}

func cmdTokenList(ctx context.Context, e env, args []string) error {
	var c config
	var email string
	var asJSON bool
	fs := c.flags("token list")
	fs.StringVar(&email, "email", "", "only this user's tokens")
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return withStore(ctx, &c, func(s *store.Store) error {
		a := auth.New(s)
		var uid int64
		if email != "" {
			acc, err := a.Account(ctx, email)
			if err != nil {
				return fmt.Errorf("no user with e-mail %s", email)
			}
			uid = acc.ID
		}
		ts, err := a.Tokens(ctx, uid)
		if err != nil {
			return err
		}
		if asJSON {
			if ts == nil {
				ts = []store.Token{}
			}
			return json.NewEncoder(e.stdout).Encode(map[string]any{"items": ts})
		}
		w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tEMAIL\tNAME\tSCOPE\tCREATED\tLAST USED\tEXPIRES")
		for _, t := range ts {
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Email, t.Name, t.Scope, t.CreatedAt.Format(time.DateOnly), when(t.LastUsedAt, "never"), when(t.ExpiresAt, "never"))
		}
		return w.Flush()
	})
}

func when(t *time.Time, none string) string {
	if t == nil {
		return none
	}
	return t.UTC().Format("2006-01-02 15:04")
}

func cmdTokenRevoke(ctx context.Context, e env, args []string) error {
	var c config
	var id string
	fs := c.flags("token revoke")
	fs.StringVar(&id, "id", "", "the token's id (from token list)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if id == "" && fs.NArg() == 1 {
		id = fs.Arg(0)
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("%w: --id must be a token id from indsigt token list", errUsage)
	}
	return withStore(ctx, &c, func(s *store.Store) error {
		t, err := auth.New(s).RevokeToken(ctx, auth.Operator, n)
		if errors.Is(err, model.ErrNotFound) {
			return fmt.Errorf("no token with id %d", n)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "token %d (%s, %s) of %s revoked\n", t.ID, t.Name, t.Scope, t.Email)
		return nil
	})
}

// oidcFromEnv sets up sign-in through the municipality's identity provider
// when INDSIGT_OIDC_ISSUER is set (nil otherwise). A half-configured or
// unreachable provider stops start-up with a message that says so.
func oidcFromEnv(ctx context.Context, a *auth.Service, c *config, log *slog.Logger) (*auth.OIDC, error) {
	cfg, ok, err := auth.OIDCConfigFromEnv(os.Getenv, c.publicURL())
	if err != nil || !ok {
		return nil, err
	}
	o, err := auth.NewOIDC(ctx, a, cfg)
	if err != nil {
		return nil, err
	}
	log.Info("sign-in through the identity provider is on", "config", cfg.Describe())
	return o, nil
}
