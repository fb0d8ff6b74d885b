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
