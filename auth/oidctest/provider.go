// Package oidctest runs a real OpenID Connect provider inside a test: a
// discovery document, a JWKS, a login page at the authorization endpoint
// and a token endpoint that checks the client secret and the PKCE verifier
// and answers an ID token signed with RS256. Tests can bend the next ID
// token (a wrong nonce, audience or expiry) to see the client refuse it.
package oidctest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// User is who signs in at the provider's login page.
type User struct {
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
	Groups        []string
}

// Provider is a running test provider.
type Provider struct {
	URL          string
	ClientID     string
	ClientSecret string
	// Users by the e-mail typed on the login page.
	Users map[string]User
	// Tamper, when set, changes the claims of each ID token before it is
	// signed.
	Tamper func(claims map[string]any)
	// Now is the provider's clock.
	Now func() time.Time

	key   *rsa.PrivateKey
	kid   string
	mu    sync.Mutex
	codes map[string]grant
	srv   *httptest.Server
}

type grant struct {
	user        User
	clientID    string
	redirectURI string
	nonce       string
	challenge   string
}

// New starts a provider for one client; it stops when the test ends.
func New(t testing.TB, clientID, clientSecret string) *Provider {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &Provider{ClientID: clientID, ClientSecret: clientSecret, Users: map[string]User{}, Now: time.Now,
		key: key, kid: "test-key-1", codes: map[string]grant{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET /jwks", p.jwks)
	mux.HandleFunc("GET /authorize", p.loginPage)
	mux.HandleFunc("POST /authorize", p.login)
	mux.HandleFunc("POST /token", p.token)
	// The URL is known before the server answers: its handlers read it,
	// and requests may come from another process.
	p.srv = httptest.NewUnstartedServer(mux)
	p.URL = "http://" + p.srv.Listener.Addr().String()
	p.srv.Start()
	t.Cleanup(p.srv.Close)
	return p
}

// Client is an HTTP client that reaches the provider.
func (p *Provider) Client() *http.Client { return p.srv.Client() }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (p *Provider) discovery(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, 200, map[string]any{
		"issuer":                                p.URL,
		"authorization_endpoint":                p.URL + "/authorize",
		"token_endpoint":                        p.URL + "/token",
		"jwks_uri":                              p.URL + "/jwks",
		"response_types_supported":              []string{"code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"code_challenge_methods_supported":      []string{"S256"},
		"scopes_supported":                      []string{"openid", "email", "profile"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
	})
}

func (p *Provider) jwks(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, 200, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &p.key.PublicKey, KeyID: p.kid, Algorithm: "RS256", Use: "sig"}}})
}

var page = template.Must(template.New("login").Parse(`<!DOCTYPE html><html lang="da"><title>Kommunens login</title>
<form method="post" action="/authorize">
{{range $k, $v := .}}<input type="hidden" name="{{$k}}" value="{{index $v 0}}">{{end}}
<label for="email">E-mail</label><input id="email" name="email" type="email">
<button type="submit">Log ind</button></form></html>`))

// loginPage checks the authorization request and shows a login form.
func (p *Provider) loginPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if err := p.checkAuthorize(q); err != "" {
		http.Error(w, err, http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = page.Execute(w, q)
}

func (p *Provider) checkAuthorize(q url.Values) string {
	switch {
	case q.Get("client_id") != p.ClientID:
		return "unknown client"
	case q.Get("response_type") != "code":
		return "response_type must be code"
	case q.Get("redirect_uri") == "":
		return "redirect_uri is required"
	case q.Get("code_challenge") == "" || q.Get("code_challenge_method") != "S256":
		return "PKCE with S256 is required"
	case q.Get("state") == "" || q.Get("nonce") == "":
		return "state and nonce are required"
	}
	return ""
}

// login signs the user in and sends the browser back with a code.
func (p *Provider) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	f := r.PostForm
	if err := p.checkAuthorize(f); err != "" {
		http.Error(w, err, http.StatusBadRequest)
		return
	}
	p.mu.Lock()
	u, ok := p.Users[f.Get("email")]
	code := rand.Text()
	if ok {
		p.codes[code] = grant{user: u, clientID: f.Get("client_id"), redirectURI: f.Get("redirect_uri"), nonce: f.Get("nonce"), challenge: f.Get("code_challenge")}
	}
	p.mu.Unlock()
	back, _ := url.Parse(f.Get("redirect_uri"))
	q := back.Query()
	if !ok {
		q.Set("error", "access_denied")
	} else {
		q.Set("code", code)
	}
	q.Set("state", f.Get("state"))
	back.RawQuery = q.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

// token exchanges a code: the client's secret, the redirect URI and the
// PKCE verifier must match; a code works once.
func (p *Provider) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, 400, map[string]string{"error": "invalid_request"})
		return
	}
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if id != p.ClientID || secret != p.ClientSecret {
		writeJSON(w, 401, map[string]string{"error": "invalid_client"})
		return
	}
	p.mu.Lock()
	g, ok := p.codes[r.PostForm.Get("code")]
	delete(p.codes, r.PostForm.Get("code"))
	p.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	switch {
	case r.PostForm.Get("grant_type") != "authorization_code" || !ok:
		writeJSON(w, 400, map[string]string{"error": "invalid_grant"})
		return
	case g.redirectURI != r.PostForm.Get("redirect_uri"):
		writeJSON(w, 400, map[string]string{"error": "invalid_grant", "error_description": "redirect_uri differs"})
		return
	case base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge:
		writeJSON(w, 400, map[string]string{"error": "invalid_grant", "error_description": "PKCE verifier does not match"})
		return
	}
	now := p.Now()
	claims := map[string]any{
		"iss": p.URL, "sub": g.user.Subject, "aud": g.clientID, "iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(),
		"nonce": g.nonce, "email": g.user.Email, "email_verified": g.user.EmailVerified, "name": g.user.Name,
	}
	if g.user.Groups != nil {
		claims["groups"] = g.user.Groups
	}
	if p.Tamper != nil {
		p.Tamper(claims)
	}
	idt, err := p.Sign(claims)
	if err != nil {
		writeJSON(w, 500, map[string]string{"error": "server_error"})
		return
	}
	writeJSON(w, 200, map[string]any{"access_token": rand.Text(), "token_type": "Bearer", "expires_in": 300, "id_token": idt})
}

// Sign signs claims as a compact RS256 JWT with the provider's key.
func (p *Provider) Sign(claims map[string]any) (string, error) {
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: p.key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", p.kid))
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	obj, err := s.Sign(b)
	if err != nil {
		return "", fmt.Errorf("sign: %w", err)
	}
	return obj.CompactSerialize()
}
