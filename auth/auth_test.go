package auth_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"indsigt/auth"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

func TestLoginTokensSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := auth.New(s)
		if _, err := a.AddUser(ctx, model.User{Email: "kort@kolding.dk", Name: "K", Role: model.RoleLead}, "kort"); !errors.Is(err, model.ErrInvalid) {
			t.Fatalf("short password: %v", err)
		}
		u, err := a.AddUser(ctx, model.User{Email: "søs@kolding.dk", Name: "Søs Ærlig", Role: model.RoleDesigner}, "hemmeligt-kodeord")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ email, pw string }{{"søs@kolding.dk", "forkert-kodeord"}, {"ingen@kolding.dk", "hemmeligt-kodeord"}} {
			if _, err := a.Login(ctx, c.email, c.pw); !errors.Is(err, auth.ErrUnauthenticated) {
				t.Errorf("login %s: %v", c.email, err)
			}
		}
		if got, err := a.Login(ctx, "SØS@kolding.dk ", "hemmeligt-kodeord"); err != nil || got.ID != u.ID {
			t.Fatalf("login: %+v %v", got, err)
		}
		tok, err := a.CreateToken(ctx, "søs@kolding.dk", "script")
		if err != nil || !strings.HasPrefix(tok, "ind_") {
			t.Fatalf("token %q: %v", tok, err)
		}
		if got, err := a.UserForToken(ctx, tok); err != nil || got.ID != u.ID {
			t.Fatalf("token user: %+v %v", got, err)
		}
		if _, err := a.UserForToken(ctx, tok+"x"); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Fatalf("bad token: %v", err)
		}
		c, err := a.StartSession(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		sess, err := a.Session(ctx, c)
		if err != nil || sess.User.ID != u.ID || len(sess.CSRFToken) < 40 {
			t.Fatalf("session: %+v %v", sess, err)
		}
		if err := a.EndSession(ctx, c); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Session(ctx, c); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Fatalf("ended session: %v", err)
		}
	})
}

func TestLoginThrottlePerAccountAndClient(t *testing.T) {
	s := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	a := auth.New(s)
	if _, err := a.AddUser(ctx, model.User{Email: "åse@kolding.dk", Name: "Åse", Role: model.RoleAnalyst}, "rigtigt-kodeord"); err != nil {
		t.Fatal(err)
	}
	const attacker, owner = "203.0.113.9:4000", "198.51.100.7:4000"
	var err error
	for i := 0; i < 20 && !errors.Is(err, auth.ErrThrottled); i++ {
		_, err = a.LoginFrom(ctx, attacker, "åse@kolding.dk", "gæt-nummer-"+string(rune('a'+i)))
	}
	var te *auth.ThrottledError
	if !errors.As(err, &te) || te.Seconds() < 1 {
		t.Fatalf("the attacker is not throttled: %v", err)
	}
	if _, err := a.LoginFrom(ctx, attacker, "ÅSE@kolding.dk", "rigtigt-kodeord"); !errors.Is(err, auth.ErrThrottled) {
		t.Fatalf("a throttled client is not let through, right password or not: %v", err)
	}
	if _, err := a.LoginFrom(ctx, owner, "åse@kolding.dk", "rigtigt-kodeord"); err != nil {
		t.Fatalf("the owner from a client that has not failed must get in: %v", err)
	}
	if _, err := a.LoginFrom(ctx, owner, "anden@kolding.dk", "noget-andet-her"); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Fatalf("other accounts are not throttled: %v", err)
	}
}
