package app

import (
	"context"

	"indsigt/model"
	"indsigt/store"
)

// MaxAuditEntries is how many of the newest audit entries AuditLog answers.
const MaxAuditEntries = 500

// AuditLog lists the project's newest audit entries, for those who manage
// it. Reading the log is itself audited as audit.read on project:<id>.
func (a *App) AuditLog(ctx context.Context, s Scope) ([]store.AuditEntry, error) {
	if err := s.require(model.PermManage); err != nil {
		return nil, err
	}
	if err := a.auditRead(ctx, s, "audit.read", target("project", s.Project.ID), ""); err != nil {
		return nil, err
	}
	es, err := a.Store.AuditLog(ctx, s.Project.ID, MaxAuditEntries)
	if es == nil {
		es = []store.AuditEntry{}
	}
	return es, err
}
