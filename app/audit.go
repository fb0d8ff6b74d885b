package app

import (
	"context"

	"indsigt/model"
	"indsigt/store"
)

// AuditEntry is one audit row as the store keeps it, named here so that
// the adapters reach it through the use case, not the store.
type AuditEntry = store.AuditEntry

// MaxAuditEntries is how many of the newest audit entries AuditLog answers.
const MaxAuditEntries = 500

// AuditLog lists the project's newest audit entries, for those who manage
// it. Reading the log is itself audited as audit.read on project:<id>.
func (a *App) AuditLog(ctx context.Context, s Scope) ([]AuditEntry, error) {
	if err := s.require(model.PermManage); err != nil {
		return nil, err
	}
	if err := a.auditRead(ctx, s, "audit.read", target("project", s.Project.ID), ""); err != nil {
		return nil, err
	}
	es, err := a.Store.AuditLog(ctx, s.Project.ID, MaxAuditEntries)
	if es == nil {
		es = []AuditEntry{}
	}
	return es, err
}
