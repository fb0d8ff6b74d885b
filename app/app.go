// Package app holds every use case of indsigt, written once: the API, the
// web app, the CLI and the demo are adapters that parse their input, call
// one method here and render the answer.
//
// Each method takes a context, an actor (who acts, and in a project their
// access there) and a typed input. It owns what must not drift between
// adapters: the permission check, the transaction, the audit row (one
// naming scheme for targets, see target), the indexer wake-up, limits and
// caches. Nothing outside this package writes through store.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"indsigt/auth"
	"indsigt/ingest"
	"indsigt/model"
	"indsigt/search"
	"indsigt/store"
)

// ErrIndexNotReady means the search index is being built; adapters answer
// 503 and ask the client to retry.
var ErrIndexNotReady = errors.New("app: the search index is being built; try again in a moment")

// Deps are what the use cases work with.
type Deps struct {
	Store  *store.Store
	Auth   *auth.Service
	Ingest *ingest.Service
	// Indexer is nil for CLI commands that run without the index; searches
	// then answer ErrIndexNotReady and writes skip the wake-up.
	Indexer *search.Indexer
	Log     *slog.Logger
	// AuditRetentionDays is how long the access log is kept (0: the
	// default, DefaultAuditRetentionDays); the daily retention job trims it.
	AuditRetentionDays int
}

// App is the use-case layer. It is safe for concurrent use.
type App struct {
	Deps
	suggest *suggestCache
	facets  *facetCache
}

// New builds the use-case layer.
func New(d Deps) *App {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	return &App{Deps: d, suggest: newSuggestCache(), facets: newFacetCache()}
}

// Actor is who acts. A user signed in through the web app or an API token,
// or the local operator of the CLI, who may do everything and is audited
// with no user.
type Actor struct {
	User     model.User
	Operator bool
}

// Operator is the CLI's actor: whoever can read the data directory.
func Operator() Actor {
	return Actor{Operator: true, User: model.User{Role: model.RoleAdmin, Name: "operator"}}
}

// UserActor is a signed-in user.
func UserActor(u model.User) Actor { return Actor{User: u} }

func (a Actor) userID() int64 {
	if a.Operator {
		return 0
	}
	return a.User.ID
}

// Scope is an actor inside one project, with their access there.
type Scope struct {
	Actor
	Project model.Project
	Access  model.Access
}

// Enter opens a project for an actor. A project the actor may not see is
// ErrNotFound, never ErrForbidden, so that its existence does not leak.
func (a *App) Enter(ctx context.Context, act Actor, slug string) (Scope, error) {
	if act.Operator {
		p, err := a.Store.ProjectBySlug(ctx, slug)
		if err != nil {
			return Scope{}, err
		}
		return Scope{Actor: act, Project: p, Access: model.Access{Role: model.RoleAdmin, Owner: true}}, nil
	}
	p, acc, err := a.Store.ProjectFor(ctx, act.User, slug)
	if err != nil {
		return Scope{}, err
	}
	return Scope{Actor: act, Project: p, Access: acc}, nil
}

// Can reports whether the scope grants a permission; adapters use it to
// show or hide controls, the use cases check it themselves.
func (s Scope) Can(p model.Permission) bool { return s.Access.Can(p) }

func (s Scope) require(p model.Permission) error {
	if !s.Access.Can(p) {
		return fmt.Errorf("%w: your role in this project does not allow this", model.ErrForbidden)
	}
	return nil
}

// target names an audited object the same way for every caller: kind:id.
// orEmpty passes a store listing on with an empty slice for none, so that
// answers list [] rather than null.
func orEmpty[T any](items []T, err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	if items == nil {
		items = []T{}
	}
	return items, nil
}

func target(kind string, id int64) string { return kind + ":" + strconv.FormatInt(id, 10) }

// audit writes an audit row inside tx. The detail must never carry note
// text or query text: both are personal data.
func audit(ctx context.Context, tx *store.Tx, s Scope, action, object, detail string) error {
	return tx.Audit(ctx, s.userID(), s.Project.ID, action, object, detail)
}

// auditRead records a read outside any write transaction. A read that
// cannot be audited is refused: the access log must be complete.
func (a *App) auditRead(ctx context.Context, s Scope, action, object, detail string) error {
	if err := a.Store.Audit(ctx, s.userID(), s.Project.ID, action, object, detail); err != nil {
		return fmt.Errorf("app: audit %s: %w", action, err)
	}
	return nil
}

// auditReadAside is auditRead while the read itself runs: the wait for the
// disk (SQLite commits with synchronous=FULL) overlaps the read instead of
// adding to it. The read must call the answered function before it answers
// and refuse to answer on its error, so a read that cannot be audited is
// still refused; a read that fails after starting is recorded all the same,
// as it was asked.
func (a *App) auditReadAside(ctx context.Context, s Scope, action, object, detail string) func() error {
	done := make(chan error, 1)
	go func() { done <- a.auditRead(ctx, s, action, object, detail) }()
	return func() error { return <-done }
}

// write runs fn in one transaction and wakes the indexer after it commits.
func (a *App) write(ctx context.Context, fn func(tx *store.Tx) error) error {
	if err := a.Store.InTx(ctx, fn); err != nil {
		return err
	}
	a.poke()
	return nil
}

func (a *App) poke() {
	if a.Indexer != nil {
		a.Indexer.Poke()
	}
}

// Index is the search index, or ErrIndexNotReady while it is being built.
func (a *App) Index() (*search.Index, error) {
	if a.Indexer == nil {
		return nil, ErrIndexNotReady
	}
	ix := a.Indexer.Index()
	if ix == nil {
		return nil, ErrIndexNotReady
	}
	return ix, nil
}

// Now is the store's clock, which tests can set.
func (a *App) Now() time.Time { return a.Store.Now() }

// ErrBusy means the server sheds load; adapters answer 503 with Retry-After.
var ErrBusy = errors.New("app: the server is busy; try again in a moment")

// ErrDatabaseBusy means the database timed out waiting for a lock; named
// here so that the adapters map it without importing the store.
var ErrDatabaseBusy = store.ErrDatabaseBusy
