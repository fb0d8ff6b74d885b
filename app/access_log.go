package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"indsigt/model"
	"indsigt/report"
	"indsigt/store"
)

// DefaultAuditRetentionDays is how long the access log is kept unless
// Deps.AuditRetentionDays (INDSIGT_AUDIT_RETENTION_DAYS) says otherwise.
const DefaultAuditRetentionDays = 180

// AccessQuery filters the access log as a person types it in a form or a
// URL: an e-mail, an action, dates as YYYY-MM-DD (To inclusive), and the
// cursor of the next page.
type AccessQuery struct {
	User, Action, From, To, Cursor string
	Limit                          int
}

// AccessPage is one page of the access log, newest first.
type AccessPage struct {
	Items      []store.AuditRow `json:"items"`
	NextCursor string           `json:"next_cursor,omitempty"`
}

// MaxAccessExport bounds the rows of one CSV export.
const MaxAccessExport = 100000

// AccessLog pages the project's access log for its owners and admins.
// Reading it is audited as audit.read.
func (a *App) AccessLog(ctx context.Context, s Scope, q AccessQuery) (AccessPage, error) {
	if err := s.require(model.PermManage); err != nil {
		return AccessPage{}, err
	}
	f, err := a.accessFilter(ctx, q, s.Project.ID)
	if err != nil {
		return AccessPage{}, err
	}
	if err := a.auditRead(ctx, s, "audit.read", target("project", s.Project.ID), ""); err != nil {
		return AccessPage{}, err
	}
	return a.accessPage(ctx, f)
}

// AccessLogAll pages the access log across projects, for admins.
func (a *App) AccessLogAll(ctx context.Context, act Actor, q AccessQuery) (AccessPage, error) {
	if err := requireAdmin(act); err != nil {
		return AccessPage{}, err
	}
	f, err := a.accessFilter(ctx, q, 0)
	if err != nil {
		return AccessPage{}, err
	}
	if err := a.auditRead(ctx, Scope{Actor: act}, "audit.read", "audit:all", ""); err != nil {
		return AccessPage{}, err
	}
	return a.accessPage(ctx, f)
}

// AccessLogCSV is the filtered log (of one project, or of all for an
// admin when s.Project.ID is 0) as a CSV for Danish Excel, audited as an
// export.
func (a *App) AccessLogCSV(ctx context.Context, s Scope, q AccessQuery) (Export, error) {
	if s.Project.ID == 0 {
		if err := requireAdmin(s.Actor); err != nil {
			return Export{}, err
		}
	} else if err := s.require(model.PermManage); err != nil {
		return Export{}, err
	}
	q.Cursor, q.Limit = "", MaxAccessExport
	f, err := a.accessFilter(ctx, q, s.Project.ID)
	if err != nil {
		return Export{}, err
	}
	rows, err := a.Store.FindAudit(ctx, f)
	if err != nil {
		return Export{}, err
	}
	lines := make([]report.AuditLine, len(rows))
	for i, r := range rows {
		lines[i] = report.AuditLine{At: r.At, Email: deref(r.Email), Name: deref(r.Name), Project: deref(r.Project), Action: r.Action, Object: r.Object, Detail: r.Detail}
	}
	var b bytes.Buffer
	if err := report.WriteAuditCSV(&b, lines); err != nil {
		return Export{}, err
	}
	name, object := "all", "audit:all"
	if s.Project.ID != 0 {
		name, object = s.Project.Slug, target("project", s.Project.ID)
	}
	if err := a.auditRead(ctx, s, "audit.export", object, fmt.Sprintf("rows=%d", len(rows))); err != nil {
		return Export{}, err
	}
	return Export{Name: "audit.csv", Filename: name + "-" + a.Now().Format("2006-01-02") + "-adgangslog.csv",
		ContentType: "text/csv; charset=utf-8", Body: b.Bytes()}, nil
}

// TrimAccessLog deletes audit rows older than the retention period; the
// daily retention job calls it.
func (a *App) TrimAccessLog(ctx context.Context) (int64, error) {
	days := a.AuditRetentionDays
	if days <= 0 {
		days = DefaultAuditRetentionDays
	}
	return a.Store.TrimAudit(ctx, a.Now().AddDate(0, 0, -days))
}

func requireAdmin(act Actor) error {
	if act.Operator || act.User.Role == model.RoleAdmin {
		return nil
	}
	return fmt.Errorf("%w: only admins read the whole access log", model.ErrForbidden)
}

func (a *App) accessFilter(ctx context.Context, q AccessQuery, projectID int64) (store.AuditFilter, error) {
	f := store.AuditFilter{ProjectID: projectID, Action: strings.TrimSpace(q.Action), Limit: pageSize(q.Limit)}
	if q.Limit == MaxAccessExport {
		f.Limit = q.Limit // the CSV export
	}
	if err := model.CleanText("action", f.Action); err != nil {
		return f, err
	}
	if email := strings.TrimSpace(q.User); email != "" {
		if err := model.CleanText("user", email); err != nil {
			return f, err
		}
		u, _, err := a.Store.UserByEmail(ctx, email)
		if errors.Is(err, model.ErrNotFound) {
			return f, model.Invalid("user", model.RuleUnknown, "no user with that e-mail")
		}
		if err != nil {
			return f, err
		}
		f.UserID = u.ID
	}
	for _, d := range []struct {
		field, v string
		dst      *time.Time
		next     bool
	}{{"from", q.From, &f.From, false}, {"to", q.To, &f.To, true}} {
		if strings.TrimSpace(d.v) == "" {
			continue
		}
		t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(d.v), time.Local)
		if err != nil {
			return f, model.Invalid(d.field, model.RuleDate, "%s is not YYYY-MM-DD", d.field)
		}
		if d.next {
			t = t.AddDate(0, 0, 1)
		}
		*d.dst = t
	}
	if q.Cursor != "" {
		id, err := strconv.ParseInt(q.Cursor, 10, 64)
		if err != nil || id <= 0 {
			return f, model.Invalid("cursor", model.RuleFormat, "invalid cursor")
		}
		f.BeforeID = id
	}
	return f, nil
}

func (a *App) accessPage(ctx context.Context, f store.AuditFilter) (AccessPage, error) {
	rows, err := a.Store.FindAudit(ctx, f)
	if err != nil {
		return AccessPage{}, err
	}
	p := AccessPage{Items: rows}
	if p.Items == nil {
		p.Items = []store.AuditRow{}
	}
	if len(rows) == f.Limit {
		p.NextCursor = strconv.FormatInt(rows[len(rows)-1].ID, 10)
	}
	return p, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
