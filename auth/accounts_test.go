package auth_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"indsigt/auth"
	"indsigt/model"
	"indsigt/store"
	"indsigt/store/storetest"
)

func TestPasswordChangeAndReset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := auth.New(s)
		u, err := a.AddUser(ctx, model.User{Email: "ærlig@kolding.dk", Name: "Ærlig", Role: model.RoleDesigner}, "første-kodeord")
		if err != nil {
			t.Fatal(err)
		}
		here, _ := a.StartSession(ctx, u)
		there, _ := a.StartSession(ctx, u)
		if err := a.ChangePassword(ctx, u.ID, "forkert-kodeord", "andet-kodeord", here); !errors.Is(err, auth.ErrWrongPassword) {
			t.Fatalf("wrong current password: %v", err)
		}
		if err := a.ChangePassword(ctx, u.ID, "første-kodeord", "kort", here); !errors.Is(err, model.ErrInvalid) {
			t.Fatalf("short new password: %v", err)
		}
		if err := a.ChangePassword(ctx, u.ID, "første-kodeord", "andet-kodeord", here); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Session(ctx, here); err != nil {
			t.Errorf("the session that changed the password must stay: %v", err)
		}
		if _, err := a.Session(ctx, there); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("other sessions must end: %v", err)
		}
		if _, err := a.Login(ctx, u.Email, "første-kodeord"); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("old password still works: %v", err)
		}
		if _, err := a.Login(ctx, u.Email, "andet-kodeord"); err != nil {
			t.Fatalf("new password: %v", err)
		}

		if _, err := a.ResetPassword(ctx, u, u.ID, ""); !errors.Is(err, model.ErrForbidden) {
			t.Fatalf("a designer resets passwords: %v", err)
		}
		pw, err := a.ResetPassword(ctx, auth.Operator, u.ID, "")
		if err != nil || len(pw) < auth.MinPasswordLen {
			t.Fatalf("reset: %q %v", pw, err)
		}
		if _, err := a.Session(ctx, here); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("a reset must end every session: %v", err)
		}
		if _, err := a.Login(ctx, u.Email, pw); err != nil {
			t.Fatalf("one-time password: %v", err)
		}
		c, _ := a.StartSession(ctx, u)
		if sess, _ := a.Session(ctx, c); !sess.MustChangePassword {
			t.Error("a one-time password must be changed")
		}
		if err := a.ChangePassword(ctx, u.ID, pw, "tredje-kodeord", c); err != nil {
			t.Fatal(err)
		}
		if sess, _ := a.Session(ctx, c); sess.MustChangePassword {
			t.Error("changed, yet still asked to change")
		}
		if _, err := a.ResetPassword(ctx, auth.Operator, 999999, "et-nyt-kodeord"); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("unknown user: %v", err)
		}
	})
}

func TestDisableAndDeleteEndEverything(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := auth.New(s)
		admin, _ := a.AddUser(ctx, model.User{Email: "admin@kolding.dk", Name: "Admin", Role: model.RoleAdmin}, "admin-kodeord")
		u, _ := a.AddUser(ctx, model.User{Email: "bo@kolding.dk", Name: "Bo", Role: model.RoleAnalyst}, "bos-kodeord")
		sess, _ := a.StartSession(ctx, u)
		tok, err := a.CreateToken(ctx, u.Email, "script")
		if err != nil {
			t.Fatal(err)
		}
		if err := a.SetDisabled(ctx, u, admin.ID, true); !errors.Is(err, model.ErrForbidden) {
			t.Fatalf("an analyst disables: %v", err)
		}
		if err := a.SetDisabled(ctx, admin, admin.ID, true); !errors.Is(err, model.ErrInvalid) {
			t.Fatalf("an admin disables himself: %v", err)
		}
		if err := a.SetDisabled(ctx, admin, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Session(ctx, sess); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("session of a disabled user: %v", err)
		}
		if _, err := a.Principal(ctx, tok); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("token of a disabled user: %v", err)
		}
		if _, err := a.Login(ctx, u.Email, "bos-kodeord"); !errors.Is(err, auth.ErrDisabled) {
			t.Errorf("login of a disabled user: %v", err)
		}
		if _, err := a.Login(ctx, u.Email, "forkert-kodeord"); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("a wrong password must not tell that the account is disabled: %v", err)
		}
		accs, err := a.Accounts(ctx, admin)
		if err != nil || len(accs) != 2 || !accs[1].Disabled() || accs[0].Disabled() || !accs[1].HasPassword {
			t.Fatalf("accounts: %+v %v", accs, err)
		}
		if err := a.SetDisabled(ctx, auth.Operator, u.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Login(ctx, u.Email, "bos-kodeord"); err != nil {
			t.Errorf("enabled again: %v", err)
		}
		if _, err := a.Principal(ctx, tok); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("enabling must not bring tokens back: %v", err)
		}

		sess, _ = a.StartSession(ctx, u)
		tok, _ = a.CreateToken(ctx, u.Email, "script")
		if err := a.DeleteUser(ctx, admin, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Session(ctx, sess); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("session of a deleted user: %v", err)
		}
		if _, err := a.Principal(ctx, tok); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("token of a deleted user: %v", err)
		}
		if err := a.DeleteUser(ctx, admin, u.ID); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("deleted twice: %v", err)
		}
	})
}

func TestTokenScopesExpiryAndRevocation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := auth.New(s)
		u, _ := a.AddUser(ctx, model.User{Email: "sø@kolding.dk", Name: "Sø", Role: model.RoleDesigner}, "")
		other, _ := a.AddUser(ctx, model.User{Email: "å@kolding.dk", Name: "Å", Role: model.RoleDesigner}, "")
		read, rec, err := a.CreateScopedToken(ctx, u.ID, auth.TokenRequest{Name: "læser", Scope: auth.ScopeRead, TTL: 24 * time.Hour})
		if err != nil || rec.ExpiresAt == nil || rec.ExpiresAt.Sub(s.Now()) < 23*time.Hour {
			t.Fatalf("read token: %+v %v", rec, err)
		}
		write, _, err := a.CreateScopedToken(ctx, u.ID, auth.TokenRequest{Name: "skriver"})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := a.CreateScopedToken(ctx, u.ID, auth.TokenRequest{Scope: "admin"}); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("unknown scope: %v", err)
		}
		if _, _, err := a.CreateScopedToken(ctx, u.ID, auth.TokenRequest{TTL: 5 * 365 * 24 * time.Hour}); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("five years: %v", err)
		}
		for _, c := range []struct {
			tok, method string
			want        error
		}{
			{read, http.MethodGet, nil},
			{read, http.MethodHead, nil},
			{read, http.MethodPost, auth.ErrInsufficientScope},
			{read, http.MethodDelete, auth.ErrInsufficientScope},
			{read, http.MethodPatch, auth.ErrInsufficientScope},
			{write, http.MethodPost, nil},
			{write, http.MethodDelete, nil},
			{"ind_nope", http.MethodGet, auth.ErrUnauthenticated},
		} {
			p, err := a.Authenticate(ctx, c.tok, c.method)
			if !errors.Is(err, c.want) {
				t.Errorf("%s with %.12s…: %v, want %v", c.method, c.tok, err, c.want)
			}
			if err == nil && p.User.ID != u.ID {
				t.Errorf("principal: %+v", p)
			}
		}
		ts, err := a.Tokens(ctx, u.ID)
		if err != nil || len(ts) != 2 || ts[0].LastUsedAt == nil || ts[0].Email != u.Email {
			t.Fatalf("tokens: %+v %v", ts, err)
		}
		if _, err := a.RevokeToken(ctx, other, ts[0].ID); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("someone else's token revoked: %v", err)
		}
		if _, err := a.RevokeToken(ctx, u, ts[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Authenticate(ctx, write, http.MethodGet); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("revoked token: %v", err)
		}
		if _, err := a.RevokeToken(ctx, auth.Operator, ts[1].ID); err != nil {
			t.Errorf("the operator revokes anyone's: %v", err)
		}
		if all, _ := a.Tokens(ctx, 0); len(all) != 0 {
			t.Errorf("left: %+v", all)
		}
	})
}

func TestExpiredTokenIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := auth.New(s)
		u, _ := a.AddUser(ctx, model.User{Email: "gl@kolding.dk", Name: "Gl", Role: model.RoleLead}, "")
		past := s.Now().Add(-time.Second)
		if _, err := s.CreateScopedToken(ctx, store.NewToken{UserID: u.ID, Hash: auth.Hash("ind_gammel"), Scope: store.ScopeWrite, ExpiresAt: &past}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Principal(ctx, "ind_gammel"); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Fatalf("expired token: %v", err)
		}
	})
}
