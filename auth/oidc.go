package auth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"indsigt/model"
)

// Sign-in with the municipality's identity provider: OpenID Connect's
// authorization code flow with PKCE (S256), state and nonce, through
// github.com/coreos/go-oidc (discovery, JWKS, ID token verification:
// signature, issuer, audience, expiry) and golang.org/x/oauth2 (the code
// exchange). Decisions worth knowing:
//
//   - The flow's secrets (state, nonce, PKCE verifier, where to go next)
//     travel in a short-lived cookie sealed with an HMAC whose key is
//     derived from the client secret, so several servers behind one
//     balancer need no shared memory and a cookie cannot be forged.
//   - A user is matched by the provider's subject once linked, else on the
//     first sign-in by e-mail (which the provider must not call
//     unverified), else created. Local passwords keep working.
//   - With a role claim configured, the provider decides the user's global
//     role at every sign-in (mapped values; otherwise the default role). A
//     user with no mapped value and no default role is refused.

// OIDCConfig configures sign-in through an identity provider.
type OIDCConfig struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	RedirectURL  string
	// Name is shown on the login button: "Log ind med <Name>".
	Name string
	// RoleClaim names the claim with the user's groups or roles; empty
	// means new users get DefaultRole and existing users keep theirs.
	RoleClaim string
	// RoleMap maps a claim value to a role; the strongest mapped role wins.
	RoleMap map[string]model.Role
	// DefaultRole is the role when no claim value maps; empty refuses.
	DefaultRole model.Role
	// HTTPClient talks to the provider (nil: a client with a timeout).
	HTTPClient *http.Client
	// Now is the clock (tests); nil is time.Now.
	Now func() time.Time
}

// Errors of the callback; each is refused with the same page.
var (
	ErrOIDCState   = errors.New("oidc: the state does not match this browser's sign-in")
	ErrOIDCNonce   = errors.New("oidc: the ID token's nonce does not match")
	ErrOIDCFlow    = errors.New("oidc: no sign-in in progress in this browser, or it expired")
	ErrOIDCNoRole  = errors.New("oidc: the identity provider gives this user no role in indsigt")
	ErrOIDCNoEmail = errors.New("oidc: the identity provider gives no verified e-mail address")
	ErrOIDCSubject = errors.New("oidc: this e-mail address is linked to another identity at the provider")
)

// flowTTL is how long a browser may take at the provider's login page.
const flowTTL = 10 * time.Minute

// OIDC signs users in through one identity provider.
type OIDC struct {
	cfg      OIDCConfig
	auth     *Service
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
	client   *http.Client
	key      []byte
	now      func() time.Time
}

// NewOIDC discovers the provider (its discovery document and keys) and
// returns the sign-in, or an error that names what is wrong.
func NewOIDC(ctx context.Context, a *Service, cfg OIDCConfig) (*OIDC, error) {
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.ClientSecret == "" || cfg.RedirectURL == "" {
		return nil, errors.New("oidc: issuer, client id, client secret and redirect URL are required")
	}
	if cfg.DefaultRole != "" {
		if _, err := model.ParseRole(string(cfg.DefaultRole)); err != nil {
			return nil, fmt.Errorf("oidc: default role: %w", err)
		}
	}
	if cfg.Name == "" {
		cfg.Name = "kommunens login"
	}
	client := cfg.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 15 * time.Second}
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	p, err := oidc.NewProvider(oidc.ClientContext(ctx, client), cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("oidc: discover %s: %w", cfg.Issuer, err)
	}
	mac := hmac.New(sha256.New, []byte(cfg.ClientSecret))
	mac.Write([]byte("indsigt oidc flow cookie"))
	return &OIDC{
		cfg:  cfg,
		auth: a,
		oauth: oauth2.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL,
			Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "profile", "email"}},
		verifier: p.Verifier(&oidc.Config{ClientID: cfg.ClientID, Now: now}),
		client:   client,
		key:      mac.Sum(nil),
		now:      now,
	}, nil
}

// Name is the provider's name for the login button.
func (o *OIDC) Name() string { return o.cfg.Name }

// flow is what the browser carries between Start and Finish.
type flow struct {
	State    string    `json:"s"`
	Nonce    string    `json:"n"`
	Verifier string    `json:"v"`
	Next     string    `json:"r"`
	Expires  time.Time `json:"e"`
}

// Start begins a sign-in: it returns the provider's URL to send the
// browser to and the sealed value of the flow cookie to set.
func (o *OIDC) Start(next string) (redirect, cookie string) {
	f := flow{State: Random(32), Nonce: Random(32), Verifier: oauth2.GenerateVerifier(), Next: next, Expires: o.now().Add(flowTTL)}
	redirect = o.oauth.AuthCodeURL(f.State, oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier))
	return redirect, o.seal(f)
}

// FlowTTL is how long the flow cookie should live.
func (o *OIDC) FlowTTL() time.Duration { return flowTTL }

func (o *OIDC) seal(f flow) string {
	b, _ := json.Marshal(f)
	body := base64.RawURLEncoding.EncodeToString(b)
	return body + "." + o.sign(body)
}

func (o *OIDC) sign(body string) string {
	m := hmac.New(sha256.New, o.key)
	m.Write([]byte(body))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (o *OIDC) open(cookie string) (flow, error) {
	var f flow
	body, sig, ok := strings.Cut(cookie, ".")
	if !ok || len(cookie) > 4096 || !hmac.Equal([]byte(sig), []byte(o.sign(body))) {
		return f, ErrOIDCFlow
	}
	b, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil || json.Unmarshal(b, &f) != nil || !o.now().Before(f.Expires) {
		return f, ErrOIDCFlow
	}
	return f, nil
}

// Finish completes a sign-in from the provider's redirect: it checks the
// state against the flow cookie, exchanges the code with the PKCE
// verifier, verifies the ID token (signature, issuer, audience, expiry) and
// its nonce, and finds or creates the user. It returns the user and the
// local path to go to.
func (o *OIDC) Finish(ctx context.Context, cookie, state, code string) (model.User, string, error) {
	f, err := o.open(cookie)
	if err != nil {
		return model.User{}, "", err
	}
	if state == "" || !Equal(state, f.State) {
		return model.User{}, "", ErrOIDCState
	}
	ctx = oidc.ClientContext(ctx, o.client)
	tok, err := o.oauth.Exchange(ctx, code, oauth2.VerifierOption(f.Verifier))
	if err != nil {
		return model.User{}, "", fmt.Errorf("oidc: exchange code: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return model.User{}, "", errors.New("oidc: the token answer has no ID token")
	}
	idt, err := o.verifier.Verify(ctx, raw)
	if err != nil {
		return model.User{}, "", fmt.Errorf("oidc: verify ID token: %w", err)
	}
	if !Equal(idt.Nonce, f.Nonce) {
		return model.User{}, "", ErrOIDCNonce
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return model.User{}, "", fmt.Errorf("oidc: claims: %w", err)
	}
	u, err := o.user(ctx, idt.Issuer+" "+idt.Subject, claims)
	return u, f.Next, err
}

// user finds, links or creates the user the provider vouches for.
func (o *OIDC) user(ctx context.Context, subject string, claims map[string]any) (model.User, error) {
	s := o.auth.store
	email, _ := claims["email"].(string)
	if v, ok := claims["email_verified"].(bool); ok && !v {
		email = ""
	}
	email = strings.ToLower(strings.TrimSpace(email))
	role, err := o.role(claims)
	if err != nil {
		return model.User{}, err
	}
	acc, err := s.AccountByOIDCSubject(ctx, subject)
	if errors.Is(err, model.ErrNotFound) {
		if email == "" {
			return model.User{}, ErrOIDCNoEmail
		}
		acc, _, err = s.AccountByEmail(ctx, email)
		if errors.Is(err, model.ErrNotFound) {
			r := role
			if r == "" {
				r = o.cfg.DefaultRole
			}
			if r == "" {
				return model.User{}, ErrOIDCNoRole
			}
			name := claimName(claims, email)
			u, err := s.CreateUser(ctx, model.User{Email: email, Name: name, Role: r}, "")
			if err != nil {
				return model.User{}, fmt.Errorf("oidc: create user: %w", err)
			}
			_ = s.Audit(ctx, u.ID, 0, "user.oidc.create", fmt.Sprintf("user:%d", u.ID), "")
			acc.User = u
		} else if err != nil {
			return model.User{}, err
		} else if acc.OIDC {
			// The address belongs to a user linked to another subject.
			return model.User{}, ErrOIDCSubject
		}
	} else if err != nil {
		return model.User{}, err
	}
	if acc.Disabled() {
		return model.User{}, ErrDisabled
	}
	if err := s.LinkOIDC(ctx, acc.ID, subject, role); err != nil {
		return model.User{}, err
	}
	if role != "" {
		acc.Role = role
	}
	_ = s.Audit(ctx, acc.ID, 0, "user.oidc.signin", fmt.Sprintf("user:%d", acc.ID), "")
	return acc.User, nil
}

// role maps the role claim. Without a role claim configured it is "" (the
// user keeps their role; new users get the default). With one, the
// strongest mapped value wins, else the default; none at all is refused.
func (o *OIDC) role(claims map[string]any) (model.Role, error) {
	if o.cfg.RoleClaim == "" {
		return "", nil
	}
	var values []string
	switch v := claims[o.cfg.RoleClaim].(type) {
	case string:
		values = []string{v}
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				values = append(values, s)
			}
		}
	}
	best := model.Role("")
	for _, v := range values {
		if r, ok := o.cfg.RoleMap[v]; ok && rank(r) > rank(best) {
			best = r
		}
	}
	if best == "" {
		best = o.cfg.DefaultRole
	}
	if best == "" {
		return "", ErrOIDCNoRole
	}
	return best, nil
}

func rank(r model.Role) int {
	switch r {
	case model.RoleAnalyst:
		return 1
	case model.RoleLead:
		return 2
	case model.RoleDesigner:
		return 3
	case model.RoleAdmin:
		return 4
	}
	return 0
}

func claimName(claims map[string]any, email string) string {
	for _, k := range []string{"name", "preferred_username"} {
		if s, ok := claims[k].(string); ok && strings.TrimSpace(s) != "" {
			if s = strings.TrimSpace(s); len([]rune(s)) > 200 {
				s = string([]rune(s)[:200])
			}
			return s
		}
	}
	return email
}

// OIDCConfigFromEnv reads the identity provider's configuration from the
// environment; ok is false when INDSIGT_OIDC_ISSUER is not set. The
// redirect URL defaults to baseURL + /auth/oidc/callback.
//
//	INDSIGT_OIDC_ISSUER         https://login.kolding.dk/realms/kommune
//	INDSIGT_OIDC_CLIENT_ID      indsigt
//	INDSIGT_OIDC_CLIENT_SECRET  (secret)
//	INDSIGT_OIDC_REDIRECT_URL   default <base URL>/auth/oidc/callback
//	INDSIGT_OIDC_NAME           the button's name, e.g. "Kolding Kommune"
//	INDSIGT_OIDC_ROLE_CLAIM     e.g. groups
//	INDSIGT_OIDC_ROLE_MAP       e.g. indsigt-admin=admin,indsigt-design=designer
//	INDSIGT_OIDC_DEFAULT_ROLE   admin|designer|lead|analyst, or empty to refuse
func OIDCConfigFromEnv(getenv func(string) string, baseURL string) (OIDCConfig, bool, error) {
	cfg := OIDCConfig{
		Issuer:       strings.TrimSpace(getenv("INDSIGT_OIDC_ISSUER")),
		ClientID:     strings.TrimSpace(getenv("INDSIGT_OIDC_CLIENT_ID")),
		ClientSecret: getenv("INDSIGT_OIDC_CLIENT_SECRET"),
		RedirectURL:  strings.TrimSpace(getenv("INDSIGT_OIDC_REDIRECT_URL")),
		Name:         strings.TrimSpace(getenv("INDSIGT_OIDC_NAME")),
		RoleClaim:    strings.TrimSpace(getenv("INDSIGT_OIDC_ROLE_CLAIM")),
		DefaultRole:  model.Role(strings.TrimSpace(getenv("INDSIGT_OIDC_DEFAULT_ROLE"))),
	}
	if cfg.Issuer == "" {
		return cfg, false, nil
	}
	if cfg.ClientID == "" || cfg.ClientSecret == "" {
		return cfg, false, errors.New("INDSIGT_OIDC_ISSUER is set: INDSIGT_OIDC_CLIENT_ID and INDSIGT_OIDC_CLIENT_SECRET are required too")
	}
	if cfg.RedirectURL == "" {
		cfg.RedirectURL = strings.TrimRight(baseURL, "/") + "/auth/oidc/callback"
	}
	if u, err := url.Parse(cfg.RedirectURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return cfg, false, fmt.Errorf("INDSIGT_OIDC_REDIRECT_URL %q is not an absolute http(s) URL", cfg.RedirectURL)
	}
	if cfg.DefaultRole != "" {
		if _, err := model.ParseRole(string(cfg.DefaultRole)); err != nil {
			return cfg, false, fmt.Errorf("INDSIGT_OIDC_DEFAULT_ROLE: %w", err)
		}
	}
	m, err := ParseRoleMap(getenv("INDSIGT_OIDC_ROLE_MAP"))
	if err != nil {
		return cfg, false, fmt.Errorf("INDSIGT_OIDC_ROLE_MAP: %w", err)
	}
	cfg.RoleMap = m
	return cfg, true, nil
}

// ParseRoleMap reads "group=role,group=role".
func ParseRoleMap(s string) (map[string]model.Role, error) {
	m := map[string]model.Role{}
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("%q is not value=role", part)
		}
		r, err := model.ParseRole(strings.TrimSpace(v))
		if err != nil {
			return nil, err
		}
		m[strings.TrimSpace(k)] = r
	}
	return m, nil
}

// Describe lists the configuration without the secret, for the start-up log.
func (c OIDCConfig) Describe() string {
	keys := make([]string, 0, len(c.RoleMap))
	for k := range c.RoleMap {
		keys = append(keys, k+"="+string(c.RoleMap[k]))
	}
	sort.Strings(keys)
	return fmt.Sprintf("issuer=%s client_id=%s redirect=%s role_claim=%s roles=[%s] default_role=%s",
		c.Issuer, c.ClientID, c.RedirectURL, c.RoleClaim, strings.Join(keys, " "), c.DefaultRole)
}
